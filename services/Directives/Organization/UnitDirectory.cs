using Cchc.Directives.Data;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Organization;

/// <summary>
/// A unit at a glance, with the agency it belongs to (its nearest ancestor, or itself, of kind agency)
/// and that agency's office (Văn phòng), which follows up directives and periodic reports.
/// </summary>
public sealed record UnitInfo(string Code, string Name, string ShortName, string? AgencyCode, string? FollowUpUnitCode, string Path);

/// <summary>Looks units up in the registry by code, for messages, statistics and event payloads.</summary>
public sealed class UnitDirectory(DirectivesDbContext db)
{
    public async Task<IReadOnlyDictionary<string, UnitInfo>> DescribeAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => wanted.Contains(u.Code))
            .Select(u => new { u.Code, u.Name, u.ShortName, u.Path }).ToListAsync(cancellationToken);
        var ancestors = units.SelectMany(u => u.Path.Split(Unit.PathSeparator)).Distinct().ToList();
        var agencies = (await db.Units.AsNoTracking().Where(u => ancestors.Contains(u.Code) && u.Kind == UnitKind.Agency)
            .Select(u => u.Code).ToListAsync(cancellationToken)).ToHashSet();
        var offices = (await db.Units.AsNoTracking().Where(u => u.ParentCode != null && agencies.Contains(u.ParentCode) && u.Kind == UnitKind.Office)
            .Select(u => new { u.Code, u.ParentCode }).ToListAsync(cancellationToken))
            .GroupBy(u => u.ParentCode!).ToDictionary(g => g.Key, g => g.Min(u => u.Code));
        return units.ToDictionary(u => u.Code, u =>
        {
            var agency = u.Path.Split(Unit.PathSeparator).LastOrDefault(agencies.Contains);
            return new UnitInfo(u.Code, u.Name, u.ShortName, agency, agency is null ? null : offices.GetValueOrDefault(agency), u.Path);
        });
    }

    public async Task<UnitInfo?> FindAsync(string code, CancellationToken cancellationToken) =>
        (await DescribeAsync([code], cancellationToken)).GetValueOrDefault(code);
}
