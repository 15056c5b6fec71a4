using Cchc.Indexes.Data;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Indexes.Frameworks;

/// <summary>Inserts each shipped framework version that is not stored yet; never overwrites an edited one.</summary>
internal sealed class ShippedFrameworkSeeder : IDatabaseSeeder<IndexesDbContext>
{
    public async Task SeedAsync(IndexesDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.Frameworks.Select(f => new { f.Code, f.Version }).ToListAsync(cancellationToken);
        foreach (var framework in ShippedFrameworks.All)
        {
            if (!stored.Any(s => s.Code == framework.Code && s.Version == framework.Version))
            {
                db.Frameworks.Add(framework);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
