using Cchc.ChangeFeeds;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>A database with one feed and the cursors of a consumer, mapped the way the services map theirs.</summary>
public sealed class TestFeedContext(DbContextOptions<TestFeedContext> options) : DbContext(options)
{
    public static readonly FeedDescriptor Feed = new("test_events", 0x63636863_74657374);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<TestEvent>(change =>
        {
            change.MapFeed(Feed);
            change.Property(e => e.Type).HasMaxLength(60);
        });
        model.Entity<FeedCursor>(cursor => cursor.MapFeedCursors(maxFeedLength: 40));
    }
}
