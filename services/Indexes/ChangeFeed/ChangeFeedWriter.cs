using Cchc.ChangeFeeds;
using Cchc.Indexes.Data;

namespace Cchc.Indexes.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction. They take no lock and no number:
/// readers number them once committed (see <see cref="CommitOrderedSequence"/>, the same rule for the three feeds).
/// </summary>
public static class ChangeFeedWriter
{
    /// <summary>The index change feed; its lock key is one arbitrary 64-bit key ("cchcindx").</summary>
    public static readonly FeedDescriptor Feed = new("index_events", 0x63636863_696e6478);

    public static async Task AppendAsync(IndexesDbContext db, IReadOnlyList<PendingIndexEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        FeedWriter.Add(db, events.Select(pending => new IndexEvent
        {
            Type = pending.Type,
            ResultKey = pending.ResultKey,
            OccurredAt = pending.OccurredAt,
            Payload = FeedWriter.Payload(pending.Payload),
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
