using Cchc.Dossiers.Data;
using Cchc.ChangeFeeds;

namespace Cchc.Dossiers.ChangeFeed;

/// <summary>
/// Appends events to the outbox inside the caller's transaction. They take no lock and no number:
/// readers number them once committed (see <see cref="CommitOrderedSequence"/>).
/// </summary>
public static class ChangeFeedWriter
{
    /// <summary>The dossier change feed; its lock key is one arbitrary 64-bit key (the intake uses the two-int key space).</summary>
    public static readonly FeedDescriptor Feed = new("dossier_events", 0x63636863_66656564);

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
    public static void Add(DossiersDbContext db, IReadOnlyList<PendingEvent> events) => FeedWriter.Add(db, events.Select(Event));

    /// <summary>The stored event of a pending one, not yet numbered.</summary>
    public static DossierEvent Event(PendingEvent pending) => new()
    {
        Type = pending.Type,
        DossierCode = pending.DossierCode,
        OccurredAt = pending.OccurredAt,
        Payload = FeedWriter.Payload(pending.Payload),
    };
}
