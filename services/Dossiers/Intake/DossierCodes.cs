using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Codes;
using Cchc.Dossiers.Records;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Intake;

/// <summary>The last sequence number an agency gave out on a day.</summary>
public sealed class DossierCodeCounter
{
    public required string AgencyCode { get; init; }
    public DateOnly Day { get; init; }
    public long LastValue { get; init; }
}

/// <summary>Allocates dossier codes: one gapless sequence per agency per local day.</summary>
public sealed class DossierCodes(DossierCodeFormat format)
{
    /// <summary>
    /// Takes the next number inside the caller's transaction. The upsert locks the counter row until
    /// commit, so concurrent intakes of one agency queue here and get distinct numbers; a rolled-back
    /// intake gives its number back.
    /// </summary>
    public async Task<string> NextAsync(DossiersDbContext db, string agencyCode, DateOnly day, CancellationToken cancellationToken)
    {
        var sequence = (await db.Database.SqlQuery<long>($"""
            INSERT INTO dossier_code_counters (agency_code, day, last_value) VALUES ({agencyCode}, {day}, 1)
            ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(cancellationToken)).Single();
        if (sequence > format.MaxSequence)
        {
            throw DossierErrors.ResourceExhausted(
                $"Agency {agencyCode} has used all {format.MaxSequence} dossier numbers of {day:yyyy-MM-dd} under the pattern '{format.Pattern}'.");
        }
        return format.Format(agencyCode, day, sequence);
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> numbers at once, for intakes committed together (see
    /// <see cref="IntakeBatcher"/>); the same row lock until commit, taken once for all of them.
    /// </summary>
    public async Task<IReadOnlyList<string>> NextRangeAsync(DossiersDbContext db, string agencyCode, DateOnly day, int count, CancellationToken cancellationToken)
    {
        var last = (await db.Database.SqlQuery<long>($"""
            INSERT INTO dossier_code_counters (agency_code, day, last_value) VALUES ({agencyCode}, {day}, {(long)count})
            ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + {(long)count}
            RETURNING last_value AS "Value"
            """).ToListAsync(cancellationToken)).Single();
        if (last > format.MaxSequence)
        {
            // The batch rolls back and its intakes go one by one, so each gets the answer NextAsync gives.
            throw new InvalidOperationException($"Agency {agencyCode} has fewer than {count} dossier numbers left on {day:yyyy-MM-dd}.");
        }
        return [.. Enumerable.Range(0, count).Select(i => format.Format(agencyCode, day, last - count + 1 + i))];
    }
}
