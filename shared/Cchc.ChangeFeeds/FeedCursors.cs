using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cchc.ChangeFeeds;

/// <summary>The one mapping and the reads and moves of a consumer's <see cref="FeedCursor"/>s, in the consumer's database.</summary>
public static class FeedCursors
{
    /// <summary>Maps the cursors onto the consumer's <c>feed_cursors</c> table (the column names come from the context's naming convention).</summary>
    /// <param name="maxFeedLength">The length of the <c>feed</c> column, which each service's table was created with.</param>
    public static EntityTypeBuilder<FeedCursor> MapFeedCursors(this EntityTypeBuilder<FeedCursor> cursor, int maxFeedLength)
    {
        cursor.ToTable("feed_cursors");
        cursor.HasKey(c => c.Feed);
        cursor.Property(c => c.Feed).HasMaxLength(maxFeedLength);
        return cursor;
    }

    /// <summary>The last sequence taken in from <paramref name="feed"/>; 0 before the first page.</summary>
    public static Task<long> LastSequenceAsync(DbContext db, string feed, CancellationToken cancellationToken) =>
        db.Set<FeedCursor>().AsNoTracking().Where(c => c.Feed == feed).Select(c => c.LastSequence).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The cursor of <paramref name="feed"/>, tracked so that <see cref="Advance"/> moves it at the next save; null before the first page.</summary>
    public static Task<FeedCursor?> FindAsync(DbContext db, string feed, CancellationToken cancellationToken) =>
        db.Set<FeedCursor>().FirstOrDefaultAsync(c => c.Feed == feed, cancellationToken);

    /// <summary>
    /// Moves the cursor past a page, for the caller's next save, which commits it with the page's effects;
    /// creates it on the first page. Never moves it backwards (see <see cref="FeedCursor.Advance"/>).
    /// </summary>
    /// <param name="cursor">The cursor as <see cref="FindAsync"/> returned it.</param>
    public static void Advance(DbContext db, FeedCursor? cursor, string feed, long lastSequence, DateTimeOffset now)
    {
        if (cursor is null)
        {
            cursor = new FeedCursor { Feed = feed };
            db.Set<FeedCursor>().Add(cursor);
        }
        cursor.Advance(lastSequence, now);
    }
}
