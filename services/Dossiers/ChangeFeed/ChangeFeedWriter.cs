using System.Text.Json;
using Cchc.Dossiers.Data;
using Cchc.ChangeFeeds;

namespace Cchc.Dossiers.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction. They take no lock and no number:
/// readers number them once committed (see <see cref="CommitOrderedSequence"/>).
/// </summary>
public static class ChangeFeedWriter
{
    /// <summary>One arbitrary 64-bit key for "the dossier change feed"'s numbering; the intake uses the two-int key space.</summary>
    public const long FeedLockKey = 0x63636863_66656564;

    public const string Table = "dossier_events";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the events to the context and saves.</summary>
    public static async Task AppendAsync(DossiersDbContext db, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        Add(db, events);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the events to the context, for the caller's next save.</summary>
    public static void Add(DossiersDbContext db, IReadOnlyList<PendingEvent> events)
    {
        CommitOrderedSequence.RequireTransaction(db.Database);
        foreach (var pending in events)
        {
            db.Events.Add(new DossierEvent
            {
                Type = pending.Type,
                DossierCode = pending.DossierCode,
                OccurredAt = pending.OccurredAt,
                Payload = JsonSerializer.Serialize(pending.Payload, Json),
            });
        }
    }
}
