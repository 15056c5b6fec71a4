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
            await intake.StageAsync(db, change.Type, change.Subject, change.Payload, Key(change), $"feed:{feedName}", EventOrigin.Feed, subscriptions, cancellationToken, change.OccurredAt);
        }
        FeedCursors.Advance(db, cursor, feedName, changes.Max(c => c.Sequence), ServiceClock.System.UtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    protected static JsonObject Payload(Google.Protobuf.WellKnownTypes.Struct? payload) => FeedPayload.ToJson(payload);
}

/// <summary>A feed change's payload (a protobuf <c>Struct</c>) as the JSON object the event keeps.</summary>
public static class FeedPayload
{
    /// <summary>
    /// The object protobuf's JSON form of <paramref name="payload"/> parses to, built from the <c>Struct</c> without
    /// writing and parsing that text (but for a number that is not a whole one, rare in a payload).
    /// </summary>
    public static JsonObject ToJson(Google.Protobuf.WellKnownTypes.Struct? payload)
    {
        var json = new JsonObject();
        if (payload is not null)
        {
            foreach (var (key, value) in payload.Fields)
            {
                json[key] = ToNode(value);
            }
        }
        return json;
    }

    private static JsonNode? ToNode(Google.Protobuf.WellKnownTypes.Value value) => value.KindCase switch
    {
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue => JsonValue.Create(value.StringValue),
        // A whole number below 10^15 is written as an integer either way; any other (and -0) keeps protobuf's own text ("1e-07").
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NumberValue => double.IsInteger(value.NumberValue) && Math.Abs(value.NumberValue) < 1e15
                && !(value.NumberValue == 0 && double.IsNegative(value.NumberValue))
            ? JsonValue.Create((long)value.NumberValue)
            : JsonNode.Parse(Google.Protobuf.JsonFormatter.Default.Format(value)),
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StructValue => ToJson(value.StructValue),
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.ListValue => new JsonArray([.. value.ListValue.Values.Select(ToNode)]),
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NullValue => null,
        _ => throw new InvalidOperationException("A payload value must have a kind."),
    };
}
