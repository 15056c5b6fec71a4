using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cchc.ChangeFeeds;

/// <summary>An event of a service's change feed (outbox), as <see cref="CommitOrderedSequence"/> numbers it.</summary>
public interface IFeedEvent
{
    /// <summary>Insertion order, taken without a lock; not the feed's order.</summary>
    long Id { get; }
    /// <summary>The feed's order, given once the event's transaction has committed; null until then.</summary>
    long? Sequence { get; }
}

/// <summary>The one mapping and the one reader of every service's change feed.</summary>
public static class FeedEvents
{
    /// <summary>Maps a feed table: identity <c>id</c> key, unique nullable <c>sequence</c>, and an index of the events still to number.</summary>
    public static EntityTypeBuilder<TEvent> MapFeed<TEvent>(this EntityTypeBuilder<TEvent> change, string table) where TEvent : class, IFeedEvent
    {
        change.ToTable(table);
        change.HasKey(e => e.Id);
        // Given by the readers once the event has committed (CommitOrderedSequence), never by the writer.
        change.Property(e => e.Sequence).ValueGeneratedNever();
        change.HasIndex(e => e.Sequence).IsUnique();
        change.HasIndex(e => e.Id).HasFilter("sequence IS NULL").HasDatabaseName($"ix_{table}_unnumbered");
        return change;
    }

    /// <summary>
    /// Up to <paramref name="count"/> events after <paramref name="afterSequence"/>, in sequence order, having
    /// first numbered every committed event (so an event is readable at the first read after its commit).
    /// </summary>
    public static async Task<List<TEvent>> ReadAfterAsync<TEvent>(DbContext db, long lockKey, string table, long afterSequence, int count,
        CancellationToken cancellationToken) where TEvent : class, IFeedEvent
    {
        await CommitOrderedSequence.NumberCommittedAsync(db.Database, lockKey, table, cancellationToken);
        return await db.Set<TEvent>().AsNoTracking()
            .Where(e => e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(count)
            .ToListAsync(cancellationToken);
    }
}
