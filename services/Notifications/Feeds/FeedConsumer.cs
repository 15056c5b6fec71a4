using System.Text.Json.Nodes;
using Cchc.ChangeFeeds;
using Cchc.Notifications.Data;
using Cchc.Notifications.Events;
using Cchc.Notifications.Webhooks;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Feeds;

/// <summary>One change of a producer's feed, as every feed gives it.</summary>
public sealed record FeedChange(long Sequence, string Type, string Subject, DateTimeOffset? OccurredAt, JsonObject Payload);

/// <summary>
/// Reads a producer's change feed from the cursor stored here and takes each change in as an event
/// (webhooks, in-app messages, e-mail and SMS). A page of events and the new cursor are committed
/// together, and each event's dedup key is its feed sequence, so a crash or restart between reading
/// and committing neither loses nor doubles a notification.
/// </summary>
public abstract class FeedConsumer(IServiceProvider services, EventIntake intake, DispatchSignal dispatch, Inbox.InboxSignal inbox,
    Messages.MessageSignal messages, ILogger logger) : BackgroundService
{
    private const int PageSize = 200;

    /// <summary>The cursor's name, and the middle of every event's dedup key (<c>feed:&lt;name&gt;:&lt;sequence&gt;</c>).</summary>
    public abstract string FeedName { get; }

    protected abstract Task<IReadOnlyList<FeedChange>> ReadPageAsync(long afterSequence, int pageSize, CancellationToken cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        FeedPolling.RunAsync(FeedName, PageSize, ConsumeOnceAsync, logger, stoppingToken);

    public async Task<int> ConsumeOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var cursor = await FeedCursors.FindAsync(db, FeedName, cancellationToken);
        var page = await ReadPageAsync(cursor?.LastSequence ?? 0, PageSize, cancellationToken);
        if (page.Count == 0)
        {
            return 0;
        }
        await TakeInAsync(intake, db, FeedName, cursor, page, cancellationToken);
        dispatch.Notify();
        inbox.Notify();
        messages.Notify();
        return page.Count;
    }

    /// <summary>Stages every change as an event and moves the cursor past the last one, in one transaction.</summary>
    /// <param name="cursor">The feed's cursor as <see cref="FeedCursors.FindAsync"/> read it before the page; null before the first page.</param>
    public static async Task TakeInAsync(EventIntake intake, NotificationsDbContext db, string feedName, FeedCursor? cursor, IReadOnlyList<FeedChange> changes,
        CancellationToken cancellationToken)
    {
        var subscriptions = await EventIntake.ActiveSubscriptionsAsync(db, cancellationToken);
        string Key(FeedChange change) => $"feed:{feedName}:{change.Sequence}";
        var keys = changes.Select(Key).ToList();
        var seen = (await db.Events.AsNoTracking().Where(e => keys.Contains(e.DedupKey)).Select(e => e.DedupKey).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var change in changes.Where(c => !seen.Contains(Key(c))))
        {
            await intake.StageAsync(db, change.Type, change.Subject, change.Payload, Key(change), $"feed:{feedName}", subscriptions, cancellationToken, change.OccurredAt);
        }
        FeedCursors.Advance(db, cursor, feedName, changes.Max(c => c.Sequence), ServiceClock.System.UtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}
