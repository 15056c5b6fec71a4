using System.Text.Json;
using Cchc.Dossiers.Data;
using Cchc.ChangeFeeds;

namespace Cchc.Dossiers.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction, as its last write before commit,
/// numbered in commit order without gaps (see <see cref="CommitOrderedSequence"/>).
/// </summary>
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
        var last = await CommitOrderedSequence.LockAndReadLastAsync(db.Database, FeedLockKey, "dossier_events", cancellationToken);
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
