using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Digest;
using Cchc.Notifications.Messages;
using Cchc.Notifications.Webhooks;
using Cchc.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cchc.Notifications.Events;

/// <summary>
/// Takes an event in, by where it came from. A producer's own change feed (Dossiers, Directives, Indexes), the only
/// voice that speaks to applicants and officials (<see cref="StageAsync"/>): the event itself, its webhook
/// deliveries, its in-app messages, its e-mails and SMS, and the overdue list it changes — all in the feed page's unit
/// of work, so they commit with the feed cursor or not at all. An integrator's or administrator's <c>PublishEvent</c>
/// (<see cref="PublishAsync"/>): relayed to webhooks and nothing else — it never plans a message to an applicant or an
/// official, never enters an inbox, and never opens or closes an overdue item, whatever its payload says.
/// </summary>
public sealed class EventIntake(MessagePlanner planner)
{
    /// <summary>Published events' types begin with this, so none can pass for a producer's own (<c>dossier.*</c>, <c>task.*</c>, <c>index.*</c>).</summary>
    public const string PublishedNamespace = "external.";

    /// <summary>
    /// Takes a published event in (the event and its webhook deliveries, nothing else) and commits it: the rows inserted in one statement per table (<see cref="BatchInsert"/>), not through the
    /// change tracker, with the transaction's begin in the same round trip.
    /// </summary>
    /// <returns>The event id and deliveries queued, or null when the dedup key already exists.</returns>
    public static async Task<(Guid EventId, int Deliveries)?> PublishAsync(NotificationsDbContext db, string eventType, string subject, JsonObject payload,
        string dedupKey, string publishedBy, CancellationToken cancellationToken)
    {
        if (!eventType.StartsWith(PublishedNamespace, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A published event's type must begin with {PublishedNamespace}", nameof(eventType));
        }
        var (notification, deliveries) = Build(eventType, subject, payload, dedupKey, publishedBy, await ActiveSubscriptionsAsync(db, cancellationToken),
            ServiceClock.System.UtcNow(), occurredAt: null);
        // A transient failure runs the transaction again; one that had committed unseen then finds its own key taken.
        var inserted = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await BatchInsert.ExecuteAsync(db, cancellationToken,
                    [BatchInsert.Command(db, [notification]), .. deliveries.Count > 0 ? [BatchInsert.Command(db, deliveries)] : Array.Empty<NpgsqlBatchCommand>()]);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == DedupKeyIndex)
            {
                return false;
            }
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
        return inserted ? (notification.Id, deliveries.Count) : null;
    }

    /// <summary>The unique index that keeps one event per dedup key (EF Core's name for it).</summary>
    public const string DedupKeyIndex = "ix_notification_events_dedup_key";

    public static Task<List<WebhookSubscription>> ActiveSubscriptionsAsync(NotificationsDbContext db, CancellationToken cancellationToken) =>
        db.Subscriptions.AsNoTracking().Where(s => s.Active).ToListAsync(cancellationToken);

    /// <summary>Adds a feed's event and everything it calls for to the unit of work, without saving.</summary>
    public async Task<(Guid EventId, int Deliveries)> StageAsync(NotificationsDbContext db, string eventType, string subject, JsonObject payload,
        string dedupKey, string publishedBy, IReadOnlyList<WebhookSubscription> subscriptions, CancellationToken cancellationToken,
        DateTimeOffset? occurredAt = null)
    {
        var now = ServiceClock.System.UtcNow();
        var (notification, deliveries) = Build(eventType, subject, payload, dedupKey, publishedBy, subscriptions, now, occurredAt);
        db.Events.Add(notification);
        db.Deliveries.AddRange(deliveries);
        await Inbox.InboxIntake.AddItemsAsync(db, notification.Id, eventType, payload, now, cancellationToken);
        await planner.PlanAsync(db, notification.Id, eventType, subject, payload, dedupKey, now, cancellationToken);
        await OverdueTracker.TrackAsync(db, eventType, subject, payload, now, cancellationToken);
        return (notification.Id, deliveries.Count);
    }

    /// <summary>The event and a pending delivery to each subscription that wants it.</summary>
    private static (NotificationEvent Event, List<WebhookDelivery> Deliveries) Build(string eventType, string subject, JsonObject payload,
        string dedupKey, string publishedBy, IReadOnlyList<WebhookSubscription> subscriptions, DateTimeOffset now, DateTimeOffset? occurredAt)
    {
        // The envelope says when the change happened (the producer's time), not when it was taken in here.
        var notification = new NotificationEvent { EventType = eventType, Subject = subject, Payload = payload, DedupKey = dedupKey, OccurredAt = occurredAt ?? now, PublishedBy = publishedBy };
        var deliveries = subscriptions
            .Where(s => SubscriptionMatch.EventTypeMatches(s.EventTypes, eventType) && SubscriptionMatch.FilterMatches(s.Filter, payload))
            .Select(subscription => new WebhookDelivery
            {
                SubscriptionId = subscription.Id,
                EventId = notification.Id,
                EventType = eventType,
                Subject = subject,
                NextAttemptAt = now,
                LeaseUntil = now,
                CreatedAt = now,
            })
            .ToList();
        return (notification, deliveries);
    }
}
