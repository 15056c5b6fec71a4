using Cchc.ChangeFeeds;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>
/// The one consumer cursor of Notifications and Indexes (<c>shared/Cchc.ChangeFeeds/FeedCursor.cs</c>,
/// <c>FeedCursors.cs</c>): read before a page, moved with the page's effects, never backwards.
/// </summary>
public sealed class FeedCursorsTests(FeedDatabase database) : IClassFixture<FeedDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cursor_moves_forward_and_stays_where_it_is_when_asked_to_move_back()
    {
        var cursor = new FeedCursor { Feed = "dossiers" };

        cursor.Advance(7, Now);
        cursor.Advance(3, Now.AddMinutes(1));

        Assert.Equal(7, cursor.LastSequence);
        Assert.Equal(Now.AddMinutes(1), cursor.UpdatedAt);
    }

    [Fact]
    public async Task A_feed_is_read_from_zero_until_its_first_page_creates_the_cursor_and_later_pages_move_it()
    {
        const string feed = "first-page";
        await using var db = database.NewContext();
        var before = await FeedCursors.LastSequenceAsync(db, feed, CancellationToken.None);
        var missing = await FeedCursors.FindAsync(db, feed, CancellationToken.None);

        FeedCursors.Advance(db, missing, feed, 5, Now);
        await db.SaveChangesAsync();
        var afterFirst = await FeedCursors.LastSequenceAsync(db, feed, CancellationToken.None);
        FeedCursors.Advance(db, await FeedCursors.FindAsync(db, feed, CancellationToken.None), feed, 9, Now);
        await db.SaveChangesAsync();

        Assert.Equal(0, before);
        Assert.Null(missing);
        Assert.Equal(5, afterFirst);
        await using var check = database.NewContext();
        Assert.Equal(9, await FeedCursors.LastSequenceAsync(check, feed, CancellationToken.None));
    }

    [Fact]
    public async Task A_page_taken_in_again_after_a_later_one_leaves_the_stored_cursor_where_it_was()
    {
        const string feed = "replayed";
        await using (var first = database.NewContext())
        {
            FeedCursors.Advance(first, null, feed, 12, Now);
            await first.SaveChangesAsync();
        }

        await using (var replay = database.NewContext())
        {
            FeedCursors.Advance(replay, await FeedCursors.FindAsync(replay, feed, CancellationToken.None), feed, 8, Now.AddMinutes(1));
            await replay.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        var cursor = await FeedCursors.FindAsync(check, feed, CancellationToken.None);
        Assert.NotNull(cursor);
        Assert.Equal(12, cursor.LastSequence);
    }

    [Fact]
    public async Task Cursors_of_different_feeds_move_independently()
    {
        await using (var db = database.NewContext())
        {
            FeedCursors.Advance(db, null, "feed-one", 3, Now);
            FeedCursors.Advance(db, null, "feed-two", 30, Now);
            await db.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        Assert.Equal(3, await FeedCursors.LastSequenceAsync(check, "feed-one", CancellationToken.None));
        Assert.Equal(30, await FeedCursors.LastSequenceAsync(check, "feed-two", CancellationToken.None));
    }
}
