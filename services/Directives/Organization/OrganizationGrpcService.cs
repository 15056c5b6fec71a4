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

    [Authorize(Roles = Roles.AnyCaller)]
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
        response.Units.AddRange(page.Take(pageSize).Select(ToContract));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Path);
        }
        return response;
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetUnitResponse> GetUnit(GetUnitRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.Code, "code", Unit.MaxCodeLength).ThrowIfInvalid();
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == request.Code, context.CancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, request.Code);
        return new GetUnitResponse { Unit = ToContract(unit) };
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
