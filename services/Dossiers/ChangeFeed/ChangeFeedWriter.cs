using System.Text.Json;
using Cchc.Dossiers.Data;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction, as its last write before commit.
/// </summary>
/// <remarks>
/// Consumers read "every event after the last sequence I processed", so a sequence must never
/// become visible before a smaller one. A bigserial does not guarantee that: transaction A takes 7,
/// B takes 8 and commits first, a reader sees 8 and moves its cursor past 7, which A then commits
/// unseen. So the number is taken under a transaction-level advisory lock held until commit: the
/// next writer waits for the lock, then (in a new statement, hence a new snapshot) sees the
/// previous event committed and takes max + 1. Sequence order is commit order, without gaps, and
/// writers queue only for the few milliseconds between their last write and their commit.
/// </remarks>
public static class ChangeFeedWriter
{
    // One arbitrary 64-bit key for "the dossier change feed"; the intake uses the two-int key space.
    private const long FeedLockKey = 0x63636863_66656564;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task AppendAsync(DossiersDbContext db, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Change-feed events must be written in the transaction of the change.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({FeedLockKey})", cancellationToken);
        var last = (await db.Database
            .SqlQuery<long>($"SELECT coalesce(max(sequence), 0) AS \"Value\" FROM dossier_events")
            .ToListAsync(cancellationToken)).Single();
        foreach (var pending in events)
        {
            db.Events.Add(new DossierEvent
            {
                Sequence = ++last,
                Type = pending.Type,
                DossierCode = pending.DossierCode,
                OccurredAt = pending.OccurredAt,
                Payload = JsonSerializer.Serialize(pending.Payload, Json),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
