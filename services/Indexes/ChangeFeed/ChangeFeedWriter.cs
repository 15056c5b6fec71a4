using Cchc.Indexes.Data;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Indexes.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction, as its last write before commit.
/// </summary>
/// <remarks>
/// The same rule as the Dossiers feed: a sequence must never become visible before a smaller one,
/// which a bigserial does not guarantee (a later number can commit first and a reader's cursor pass
/// the earlier one). So the number is taken under a transaction-level advisory lock held until
/// commit: the next writer waits, then sees the previous event committed and takes max + 1.
/// </remarks>
public static class ChangeFeedWriter
{
    // One arbitrary 64-bit key for "the index change feed" ("cchcindx").
    private const long FeedLockKey = 0x63636863_696e6478;

    public static async Task AppendAsync(IndexesDbContext db, IReadOnlyList<PendingIndexEvent> events, CancellationToken cancellationToken)
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
            .SqlQuery<long>($"SELECT coalesce(max(sequence), 0) AS \"Value\" FROM index_events")
            .ToListAsync(cancellationToken)).Single();
        foreach (var pending in events)
        {
            db.Events.Add(new IndexEvent
            {
                Sequence = ++last,
                Type = pending.Type,
                ResultKey = pending.ResultKey,
                OccurredAt = pending.OccurredAt,
                Payload = pending.Payload.ToJsonString(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
