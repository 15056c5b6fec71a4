using Cchc.Directives.Data;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Organization;

/// <summary>What anyone (and the other services) read of the organisation: units by path with their heads, officials as the caller may see them.</summary>
public sealed class OrganizationReader(DirectivesDbContext db)
{
    private const string ResourceType = OrganizationContracts.UnitResourceType;

    public async Task<ListUnitsResponse> ListUnitsAsync(ListUnitsRequest request, CancellationToken cancellationToken)
    {
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        var query = db.Units.AsNoTracking();

        if (request.ParentCode.Length > 0)
        {
            var parent = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == request.ParentCode, cancellationToken)
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
        var page = await query.OrderBy(u => u.Path).Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListUnitsResponse();
        var shown = page.Take(pageSize).ToList();
        var codes = shown.Select(u => u.Code).ToList();
        var heads = await db.Officials.AsNoTracking().Where(o => codes.Contains(o.UnitCode) && o.UnitHead && o.Active)
            .ToDictionaryAsync(o => o.UnitCode, cancellationToken);
        response.Units.AddRange(shown.Select(u => OrganizationContracts.ToContract(u, heads.GetValueOrDefault(u.Code))));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Path);
        }
        return response;
    }

    public async Task<V1.Unit> GetUnitAsync(GetUnitRequest request, CancellationToken cancellationToken)
    {
        new Validation().RequireText(request.Code, "code", Unit.MaxCodeLength).ThrowIfInvalid();
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == request.Code, cancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, request.Code);
        return await WithHeadAsync(unit, cancellationToken);
    }

    public async Task<V1.Official> GetOfficialAsync(GetOfficialRequest request, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().RequireText(request.OfficialId, "official_id", 200).ThrowIfInvalid();
        var official = await db.Officials.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.OfficialId, cancellationToken)
            ?? throw RpcErrors.NotFound("cchc.directives.v1.Official", request.OfficialId);
        return OrganizationContracts.Shown(official, caller);
    }

    public async Task<ListOfficialsResponse> ListOfficialsAsync(ListOfficialsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().RequireText(request.UnitCode, "unit_code", Unit.MaxCodeLength).ThrowIfInvalid();
        if (!await db.Units.AnyAsync(u => u.Code == request.UnitCode, cancellationToken))
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
        var response = new ListOfficialsResponse();
        response.Officials.AddRange((await query.OrderBy(o => o.UnitCode).ThenByDescending(o => o.UnitHead).ThenBy(o => o.FullName)
            .Take(5000).ToListAsync(cancellationToken)).Select(o => OrganizationContracts.Shown(o, caller)));
        return response;
    }

    private async Task<V1.Unit> WithHeadAsync(Unit unit, CancellationToken cancellationToken) =>
        OrganizationContracts.ToContract(unit, await db.Officials.AsNoTracking().FirstOrDefaultAsync(o => o.UnitCode == unit.Code && o.UnitHead && o.Active, cancellationToken));
}
