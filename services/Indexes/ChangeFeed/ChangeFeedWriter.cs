using Cchc.Indexes.Data;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Indexes.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction. They take no lock and no number:
/// readers number them once committed (see <see cref="Cchc.ChangeFeeds.CommitOrderedSequence"/>, the same
/// rule for the three feeds).
/// </summary>
public static class ChangeFeedWriter
{
    /// <summary>One arbitrary 64-bit key for "the index change feed"'s numbering ("cchcindx").</summary>
    public const long FeedLockKey = 0x63636863_696e6478;

    public const string Table = "index_events";

    public static async Task AppendAsync(IndexesDbContext db, IReadOnlyList<PendingIndexEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        Cchc.ChangeFeeds.CommitOrderedSequence.RequireTransaction(db.Database);
        foreach (var pending in events)
        {
            db.Events.Add(new IndexEvent
            {
                Type = pending.Type,
                ResultKey = pending.ResultKey,
                OccurredAt = pending.OccurredAt,
                Payload = pending.Payload.ToJsonString(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
