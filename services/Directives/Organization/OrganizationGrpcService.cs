using Cchc.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Cchc.Directives.Data;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Organization;

public sealed class OrganizationGrpcService(DirectivesDbContext db, ILogger<OrganizationGrpcService> logger) : OrganizationService.OrganizationServiceBase
{
    private const string ResourceType = "cchc.directives.v1.Unit";

    // Services resolve unit names (Notifications' messages) and codes.
    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context)
    {
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        var query = db.Units.AsNoTracking();

        if (request.ParentCode.Length > 0)
        {
            var parent = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == request.ParentCode, context.CancellationToken)
                ?? throw RpcErrors.NotFound(ResourceType, request.ParentCode);
            var prefix = parent.Path + Unit.PathSeparator;
            query = request.IncludeDescendants
                ? query.Where(u => u.Path.StartsWith(prefix))
                : query.Where(u => u.ParentCode == parent.Code);
        }
        if (after is not null)
        {
            query = query.Where(u => string.Compare(u.Path, after) > 0);
        }

        // Ordered by path, so a page lists each parent before its children.
        var page = await query.OrderBy(u => u.Path).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListUnitsResponse();
        var shown = page.Take(pageSize).ToList();
        var codes = shown.Select(u => u.Code).ToList();
        var heads = await db.Officials.AsNoTracking().Where(o => codes.Contains(o.UnitCode) && o.UnitHead && o.Active)
            .ToDictionaryAsync(o => o.UnitCode, context.CancellationToken);
        response.Units.AddRange(shown.Select(u => ToContract(u, heads.GetValueOrDefault(u.Code))));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Path);
        }
        return response;
    }

    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override async Task<GetUnitResponse> GetUnit(GetUnitRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.Code, "code", Unit.MaxCodeLength).ThrowIfInvalid();
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == request.Code, context.CancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, request.Code);
        return new GetUnitResponse { Unit = await WithHeadAsync(unit, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<CreateUnitResponse> CreateUnit(CreateUnitRequest request, ServerCallContext context)
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
            parent = await db.Units.FirstOrDefaultAsync(u => u.Code == input.ParentCode, context.CancellationToken);
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
        if (await db.Units.AnyAsync(u => u.Code == input.Code, context.CancellationToken))
        {
            throw RpcErrors.AlreadyExists(ResourceType, input.Code);
        }

        var unit = Unit.Create(input.Code, input.Name.Trim(), input.ShortName.Trim(), (UnitKind)input.Kind, parent);
        db.Units.Add(unit);
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("Unit {UnitCode} created under {ParentCode} by {Subject}", unit.Code, unit.ParentCode, context.GetCaller().Subject);
        return new CreateUnitResponse { Unit = ToContract(unit) };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<V1.Official> UpsertOfficial(UpsertOfficialRequest request, ServerCallContext context)
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
        if (!await db.Units.AnyAsync(u => u.Code == input.UnitCode, context.CancellationToken))
        {
            throw RpcErrors.InvalidArgument(new FieldViolation("official.unit_code", $"no unit has the code '{input.UnitCode}'"));
        }
        if (input.UnitHead && input.Active)
        {
            var head = await db.Officials.AsNoTracking()
                .FirstOrDefaultAsync(o => o.UnitCode == input.UnitCode && o.UnitHead && o.Active && o.Id != input.OfficialId, context.CancellationToken);
            if (head is not null)
            {
                throw RpcErrors.FailedPrecondition("UNIT_HAS_HEAD", $"units/{input.UnitCode}",
                    $"{head.FullName} ({head.Id}) heads {input.UnitCode}; record them as no longer head first.");
            }
        }
        var official = await db.Officials.FirstOrDefaultAsync(o => o.Id == input.OfficialId, context.CancellationToken);
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
        await db.SaveChangesAsync(context.CancellationToken);
        return ToContract(official);
    }

    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override async Task<V1.Official> GetOfficial(GetOfficialRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.OfficialId, "official_id", 200).ThrowIfInvalid();
        var official = await db.Officials.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.OfficialId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("cchc.directives.v1.Official", request.OfficialId);
        return Shown(official, context.GetCaller());
    }

    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override async Task<ListOfficialsResponse> ListOfficials(ListOfficialsRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.UnitCode, "unit_code", Unit.MaxCodeLength).ThrowIfInvalid();
        if (!await db.Units.AnyAsync(u => u.Code == request.UnitCode, context.CancellationToken))
        {
            throw RpcErrors.NotFound(ResourceType, request.UnitCode);
        }
        var query = db.Officials.AsNoTracking();
        query = request.IncludeSubUnits
            ? query.Where(o => o.UnitCode == request.UnitCode || o.UnitCode.StartsWith(request.UnitCode + "."))
            : query.Where(o => o.UnitCode == request.UnitCode);
        if (!request.IncludeInactive)
        {
            query = query.Where(o => o.Active);
        }
        var caller = context.GetCaller();
        var response = new ListOfficialsResponse();
        response.Officials.AddRange((await query.OrderBy(o => o.UnitCode).ThenByDescending(o => o.UnitHead).ThenBy(o => o.FullName)
            .Take(5000).ToListAsync(context.CancellationToken)).Select(o => Shown(o, caller)));
        return response;
    }

    /// <summary>
    /// Everyone sees an official's name, unit, position and whether they head it. Their work e-mail and
    /// phone and their platform roles are for administrators, Cchc services (Notifications' recipient
    /// directory) and officials of the same agency only; integrators and other agencies see them empty.
    /// </summary>
    private static V1.Official Shown(Official official, Caller caller)
    {
        var contract = ToContract(official);
        var sameAgency = (caller.Agency ?? caller.Unit) is { } agency && Caller.IsWithin(official.UnitCode, agency);
        if (!caller.IsIn(Roles.Administrator) && !caller.IsIn(Roles.Service) && !sameAgency)
        {
            contract.Email = "";
            contract.Phone = "";
            contract.Roles.Clear();
        }
        return contract;
    }

    private static V1.Official ToContract(Official official)
    {
        var contract = new V1.Official
        {
            OfficialId = official.Id,
            FullName = official.FullName,
            UnitCode = official.UnitCode,
            Position = official.Position,
            UnitHead = official.UnitHead,
            Active = official.Active,
            Email = official.Email,
            Phone = official.Phone,
        };
        contract.Roles.AddRange(official.Roles);
        return contract;
    }

    private async Task<V1.Unit> WithHeadAsync(Unit unit, CancellationToken cancellationToken) =>
        ToContract(unit, await db.Officials.AsNoTracking().FirstOrDefaultAsync(o => o.UnitCode == unit.Code && o.UnitHead && o.Active, cancellationToken));

    private static V1.Unit ToContract(Unit unit, Official? head)
    {
        var contract = ToContract(unit);
        contract.HeadOfficialId = head?.Id ?? "";
        contract.HeadName = head?.FullName ?? "";
        return contract;
    }

    private static V1.Unit ToContract(Unit unit) => new()
    {
        Code = unit.Code,
        Name = unit.Name,
        ShortName = unit.ShortName,
        Kind = (V1.UnitKind)unit.Kind,
        ParentCode = unit.ParentCode ?? "",
        Depth = unit.Depth,
        Active = unit.Active,
    };
}
