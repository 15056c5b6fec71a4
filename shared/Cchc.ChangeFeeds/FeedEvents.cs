using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cchc.ChangeFeeds;

/// <summary>The one mapping and the one reader of every service's change feed.</summary>
public static class FeedEvents
{
    /// <summary>Maps a feed table: identity <c>id</c> key, unique nullable <c>sequence</c>, and an index of the events still to number.</summary>
    public static EntityTypeBuilder<TEvent> MapFeed<TEvent>(this EntityTypeBuilder<TEvent> change, FeedDescriptor feed) where TEvent : class, IFeedEvent
    {
        change.ToTable(feed.Table);
        change.HasKey(e => e.Id);
        // Given by the readers once the event has committed (CommitOrderedSequence), never by the writer.
        change.Property(e => e.Sequence).ValueGeneratedNever();
        change.HasIndex(e => e.Sequence).IsUnique();
        change.HasIndex(e => e.Id).HasFilter("sequence IS NULL").HasDatabaseName($"ix_{feed.Table}_unnumbered");
        return change;
    }

    /// <summary>
    /// Up to <paramref name="count"/> events after <paramref name="afterSequence"/>, in sequence order, having
    /// first numbered every committed event (so an event is readable at the first read after its commit).
    /// </summary>
    public static async Task<List<TEvent>> ReadAfterAsync<TEvent>(DbContext db, FeedDescriptor feed, long afterSequence, int count,
        CancellationToken cancellationToken) where TEvent : class, IFeedEvent
    {
        await CommitOrderedSequence.NumberCommittedAsync(db.Database, feed, cancellationToken);
        return await db.Set<TEvent>().AsNoTracking()
            .Where(e => e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(count)
            .ToListAsync(cancellationToken);
    }
}
