using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Codes;
using Cchc.Dossiers.Records;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
    /// <see cref="IntakeBatcher"/>), sent with the batch's other statements; the same row lock until commit, taken once
    /// for all of them. Its result, the last number taken, goes to <see cref="Range"/>.
    /// </summary>
    public static NpgsqlBatchCommand RangeCommand(string agencyCode, DateOnly day, int count) => new("""
        INSERT INTO dossier_code_counters (agency_code, day, last_value) VALUES ($1, $2, $3)
        ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + $3
        RETURNING last_value
        """)
    {
        Parameters = { new() { Value = agencyCode }, new() { Value = day }, new() { Value = (long)count } },
    };

    /// <summary>The codes of the <paramref name="count"/> numbers a <see cref="RangeCommand"/> took, up to <paramref name="last"/>.</summary>
    public IReadOnlyList<string> Range(string agencyCode, DateOnly day, int count, long last)
    {
        if (last > format.MaxSequence)
        {
            // The batch rolls back and its intakes go one by one, so each gets the answer NextAsync gives.
            throw new InvalidOperationException($"Agency {agencyCode} has fewer than {count} dossier numbers left on {day:yyyy-MM-dd}.");
        }
        return [.. Enumerable.Range(0, count).Select(i => format.Format(agencyCode, day, last - count + 1 + i))];
    }
}
