using System.Text.Json;
using Cchc.Directives.Data;
using Cchc.ChangeFeeds;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction, as its last write before commit,
/// numbered in commit order without gaps (see <see cref="CommitOrderedSequence"/>).
/// </summary>
public static class ChangeFeedWriter
{
    // One arbitrary 64-bit key for "the directives change feed".
    private const long FeedLockKey = 0x63636863_64697266;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Appends the events, except those whose dedup key the feed already holds (checked under the
    /// feed's lock, so two scans cannot both append one). Returns the events appended.
    /// </summary>
    public static async Task<IReadOnlyList<PendingEvent>> AppendAsync(DirectivesDbContext db, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        var last = await CommitOrderedSequence.LockAndReadLastAsync(db.Database, FeedLockKey, "directive_events", cancellationToken);
        var keys = events.Where(e => e.DedupKey is not null).Select(e => e.DedupKey!).ToList();
        var seen = keys.Count == 0 ? []
            : (await db.Events.AsNoTracking().Where(e => e.DedupKey != null && keys.Contains(e.DedupKey)).Select(e => e.DedupKey!).ToListAsync(cancellationToken)).ToHashSet();
        var appended = new List<PendingEvent>();
        foreach (var pending in events.Where(e => e.DedupKey is null || seen.Add(e.DedupKey)))
        {
            // Plain SQL rather than the change tracker: the caller's entities are saved but not yet
            // accepted (so a retried transaction saves them again), and a second SaveChanges would insert them twice.
            var sequence = ++last;
            var payload = JsonSerializer.Serialize(pending.Payload, Json);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO directive_events (sequence, type, subject, document_id, task_id, occurred_at, payload, dedup_key)
                VALUES ({sequence}, {pending.Type}, {pending.Subject}, {pending.DocumentId}, {pending.TaskId}, {pending.OccurredAt.ToUniversalTime()}, CAST({payload} AS jsonb), {pending.DedupKey})
                """, cancellationToken);
            appended.Add(pending);
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
