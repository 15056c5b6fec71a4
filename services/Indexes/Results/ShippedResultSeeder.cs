using Cchc.Indexes.Data;
using Cchc.Indexes.Subjects;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Indexes.Results;

/// <summary>
/// Inserts the shipped subjects, successions and published results that are missing. Never
/// overwrites: a result corrected through the API stays corrected.
/// </summary>
internal sealed class ShippedResultSeeder : IDatabaseSeeder<IndexesDbContext>
{
    public async Task SeedAsync(IndexesDbContext db, CancellationToken cancellationToken)
    {
        var subjects = await db.Subjects.Select(s => s.Code).ToHashSetAsync(cancellationToken);
        db.Subjects.AddRange(ShippedSubjects.All.Where(s => !subjects.Contains(s.Code)));
        await db.SaveChangesAsync(cancellationToken);

        var successions = await db.Successions.Select(s => s.PredecessorCode + ">" + s.SuccessorCode).ToHashSetAsync(cancellationToken);
        db.Successions.AddRange(ShippedSubjects.Successions.Where(s => !successions.Contains(s.PredecessorCode + ">" + s.SuccessorCode)));

        var results = await db.Results.Select(r => r.FrameworkCode + "|" + r.Year + "|" + r.SubjectCode).ToHashSetAsync(cancellationToken);
        var versions = await db.Frameworks.GroupBy(f => f.Code).Select(g => new { g.Key, Version = g.Max(f => f.Version) })
            .ToDictionaryAsync(x => x.Key, x => x.Version, cancellationToken);
        foreach (var row in ShippedResults.All.Where(r => !results.Contains(r.Framework + "|" + r.Year + "|" + r.Subject)))
        {
            db.Results.Add(new IndexResult
            {
                FrameworkCode = row.Framework,
                FrameworkVersion = versions[row.Framework],
                Year = row.Year,
                SubjectCode = row.Subject,
                Total = row.Total,
                Rank = row.Rank,
                RankedCount = row.RankedCount,
                Source = row.Source,
                Unconfirmed = row.Unconfirmed,
                RecordedAt = ServiceClock.System.UtcNow(),
                RecordedBy = "cchc (dữ liệu kèm theo)",
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
