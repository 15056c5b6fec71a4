using System.Text.Json.Nodes;
using Cchc.Dossiers.V1;
using Cchc.Notifications.Data;
using Cchc.Notifications.Webhooks;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Feeds;

/// <summary>
/// Reads the Dossiers change feed from the cursor stored here and takes each change in as an event
/// (webhooks for the portal and integrators, in-app messages). A page of events and the new cursor
/// are committed together, and each event's dedup key is its feed sequence, so a crash or restart
/// between reading and committing neither loses nor doubles a notification.
/// </summary>
public sealed class DossierFeedConsumer(IServiceProvider services, DossierChangeFeed.DossierChangeFeedClient feed,
    DispatchSignal dispatch, Inbox.InboxSignal inbox, Messages.MessageSignal messages, Events.EventIntake intake, ILogger<DossierFeedConsumer> logger) : BackgroundService
{
    public const string FeedName = "dossiers";
    private const int PageSize = 200;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = await ConsumeOnceAsync(stoppingToken);
                failures = 0;
                if (taken < PageSize)
                {
                    await Task.Delay(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RpcException or DbUpdateException or Npgsql.NpgsqlException or HttpRequestException)
            {
                // The producer may be restarting; back off and resume from the stored cursor.
                failures++;
                logger.LogWarning(ex, "Reading the Dossiers change feed failed ({Failures} in a row); retrying", failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 7)))), stoppingToken);
            }
        }
    }

    public async Task<int> ConsumeOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var cursor = await db.FeedCursors.FirstOrDefaultAsync(c => c.Feed == FeedName, cancellationToken);
        var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = cursor?.LastSequence ?? 0, PageSize = PageSize },
            cancellationToken: cancellationToken);
        if (page.Changes.Count == 0)
        {
            return 0;
        }
        await TakeInAsync(intake, db, cursor, page.Changes, cancellationToken);
        dispatch.Notify();
        inbox.Notify();
        messages.Notify();
        return page.Changes.Count;
    }

    /// <summary>Stages every change as an event and moves the cursor past the last one, in one transaction.</summary>
    public static async Task TakeInAsync(Events.EventIntake intake, NotificationsDbContext db, FeedCursor? cursor, IReadOnlyList<DossierChange> changes, CancellationToken cancellationToken)
    {
        var subscriptions = await Events.EventIntake.ActiveSubscriptionsAsync(db, cancellationToken);
        var keys = changes.Select(Key).ToList();
        var seen = (await db.Events.AsNoTracking().Where(e => keys.Contains(e.DedupKey)).Select(e => e.DedupKey).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var change in changes.Where(c => !seen.Contains(Key(c))))
        {
            var payload = change.Payload is null ? [] : JsonNode.Parse(JsonFormatter.Default.Format(change.Payload))!.AsObject();
            payload["dossierCode"] = change.DossierCode;
            payload["occurredAt"] = change.OccurredAt?.ToDateTimeOffset().ToString("O");
            await intake.StageAsync(db, change.Type, change.DossierCode, payload, Key(change), $"feed:{FeedName}", subscriptions, cancellationToken);
        }
        if (cursor is null)
        {
            cursor = new FeedCursor { Feed = FeedName };
            db.FeedCursors.Add(cursor);
        }
        cursor.LastSequence = changes.Max(c => c.Sequence);
        cursor.UpdatedAt = DatabaseClock.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Key(DossierChange change) => $"feed:{FeedName}:{change.Sequence}";
}
