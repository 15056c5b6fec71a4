using Cchc.Directives.Data;
using Cchc.ChangeFeeds;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction. They take no lock and no number:
/// readers number them once committed (see <see cref="CommitOrderedSequence"/>).
/// </summary>
public static class ChangeFeedWriter
{
    /// <summary>The directives change feed; its lock key is one arbitrary 64-bit key.</summary>
    public static readonly FeedDescriptor Feed = new("directive_events", 0x63636863_64697266);

    /// <summary>
    /// Appends the events, except those whose dedup key the feed already holds: the unique index on the
    /// key decides (a second writer of one key waits for the first to commit or roll back, then appends
    /// nothing or appends it), so two scans cannot both append one. Returns the events appended.
    /// </summary>
    public static async Task<IReadOnlyList<PendingEvent>> AppendAsync(DirectivesDbContext db, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        FeedWriter.RequireTransaction(db.Database);
        var keys = new HashSet<string>();
        var appended = new List<PendingEvent>();
        foreach (var pending in events.Where(e => e.DedupKey is null || keys.Add(e.DedupKey)))
        {
            // Plain SQL rather than the change tracker: the caller's entities are saved but not yet
            // accepted (so a retried transaction saves them again), and a second SaveChanges would insert them twice.
            var payload = FeedWriter.Payload(pending.Payload);
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO directive_events (type, subject, document_id, task_id, occurred_at, payload, dedup_key)
                VALUES ({pending.Type}, {pending.Subject}, {pending.DocumentId}, {pending.TaskId}, {pending.OccurredAt.ToUniversalTime()}, CAST({payload} AS jsonb), {pending.DedupKey})
                ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
                """, cancellationToken);
            if (inserted == 1)
            {
                appended.Add(pending);
            }
        }
        return appended;
    }

    /// <summary>
    /// Saves the tracked changes and the events they cause in one transaction (retried as a whole on
    /// a transient failure). The events are made after the save, inside the transaction, so they can
    /// read the change as it will commit.
    /// </summary>
    public static async Task SaveWithEventsAsync(this DirectivesDbContext db, Func<CancellationToken, Task<IReadOnlyList<PendingEvent>>> events,
        CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await AppendAsync(db, await events(ct), ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        db.ChangeTracker.AcceptAllChanges();
    }
}
