using Cchc.Directives.Data;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Organization;

/// <summary>The organisation as an administrator changes it: units created under their parent, officials recorded (one head per unit).</summary>
public sealed class OrganizationHandler(DirectivesDbContext db, ILogger<OrganizationHandler> logger)
{
    private const string ResourceType = OrganizationContracts.UnitResourceType;

    public async Task<V1.Unit> CreateUnitAsync(CreateUnitRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var input = request.Unit;
        var validation = new Validation().Require(input is not null, "unit", "is required");
        validation.ThrowIfInvalid();
        validation
            .RequireText(input!.Code, "unit.code", Unit.MaxCodeLength)
            .Require(input.Code.Length == 0 || Unit.IsValidCode(input.Code), "unit.code",
                "must be upper-case letters and digits in dot-separated parts, e.g. QT.SKHCN.VP")
            .RequireText(input.Name, "unit.name", 300)
            .Require(input.ShortName.Length <= 100, "unit.short_name", "must be at most 100 characters")
            .Require(input.Kind != Cchc.Directives.V1.UnitKind.Unspecified && Enum.IsDefined(input.Kind), "unit.kind", "must be a known unit kind")
            .ThrowIfInvalid();

        Unit? parent = null;
        if (input.ParentCode.Length > 0)
        {
            parent = await db.Units.FirstOrDefaultAsync(u => u.Code == input.ParentCode, cancellationToken);
            if (parent is null)
            {
                throw RpcErrors.InvalidArgument(new FieldViolation("unit.parent_code", $"no unit has the code '{input.ParentCode}'"));
            }
            // Codes extend their parent's so that unit scope ("this unit and its sub-units") is a prefix test everywhere.
            if (!input.Code.StartsWith(parent.Code + ".", StringComparison.Ordinal))
            {
                throw RpcErrors.InvalidArgument(new FieldViolation("unit.code", $"must start with the parent's code followed by a dot ('{parent.Code}.')"));
            }
        }
        if (await db.Units.AnyAsync(u => u.Code == input.Code, cancellationToken))
        {
            throw RpcErrors.AlreadyExists(ResourceType, input.Code);
        }

        var unit = Unit.Create(input.Code, input.Name.Trim(), input.ShortName.Trim(), (UnitKind)input.Kind, parent);
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Unit {UnitCode} created under {ParentCode} by {Subject}", unit.Code, unit.ParentCode, caller.Subject);
        return OrganizationContracts.ToContract(unit);
    }

    public async Task<V1.Official> UpsertOfficialAsync(UpsertOfficialRequest request, CancellationToken cancellationToken)
    {
        var input = request.Official ?? new V1.Official();
        var unknownRoles = input.Roles.Where(r => !Roles.All.Contains(r) || r is Roles.Integrator or Roles.Service).ToList();
        new Validation()
            .RequireText(input.OfficialId, "official.official_id", 200)
            .RequireText(input.FullName, "official.full_name", 200)
            .RequireText(input.UnitCode, "official.unit_code", Unit.MaxCodeLength)
            .Require(input.Position.Length <= 200, "official.position", "must be at most 200 characters")
            .Require(input.Roles.Count > 0, "official.roles", "must name at least one role")
            .RequireOptionalEmail(input.Email, "official.email")
            .RequireOptionalPhone(input.Phone, "official.phone")
            .Require(unknownRoles.Count == 0, "official.roles", $"'{string.Join("', '", unknownRoles)}' is not an official's role; use {Roles.AnyOfficial.Replace(",", ", ", StringComparison.Ordinal)}")
            .ThrowIfInvalid();
        if (!await db.Units.AnyAsync(u => u.Code == input.UnitCode, cancellationToken))
        {
            throw RpcErrors.InvalidArgument(new FieldViolation("official.unit_code", $"no unit has the code '{input.UnitCode}'"));
        }
        if (input.UnitHead && input.Active)
        {
            var head = await db.Officials.AsNoTracking()
                .FirstOrDefaultAsync(o => o.UnitCode == input.UnitCode && o.UnitHead && o.Active && o.Id != input.OfficialId, cancellationToken);
            if (head is not null)
            {
                throw RpcErrors.FailedPrecondition("UNIT_HAS_HEAD", $"units/{input.UnitCode}",
                    $"{head.FullName} ({head.Id}) heads {input.UnitCode}; record them as no longer head first.");
            }
        }
        var official = await db.Officials.FirstOrDefaultAsync(o => o.Id == input.OfficialId, cancellationToken);
        if (official is null)
        {
            official = new Official { Id = input.OfficialId, FullName = input.FullName.Trim(), UnitCode = input.UnitCode };
            db.Officials.Add(official);
        }
        official.FullName = input.FullName.Trim();
        official.UnitCode = input.UnitCode;
        official.Position = input.Position.Trim();
        official.Roles = input.Roles.Distinct().Order(StringComparer.Ordinal).ToList();
        official.UnitHead = input.UnitHead;
        official.Active = input.Active;
        official.Email = input.Email;
        official.Phone = input.Phone;
        official.UpdatedAt = ServiceClock.System.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return OrganizationContracts.ToContract(official);
    }
}
