using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Events;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Webhooks;

/// <summary>
/// What an administrator or integrator changes in the webhook queue: a subscription disabled, an event
/// published (relayed to webhooks only, de-duplicated by its key), dead deliveries replayed.
/// </summary>
public sealed class WebhookOperationsHandler(NotificationsDbContext db, DispatchSignal signal)
{
    private const string SubscriptionType = WebhookContracts.SubscriptionType;

    public async Task<DisableSubscriptionResponse> DisableAsync(DisableSubscriptionRequest request, CancellationToken cancellationToken)
    {
        var subscription = await FindSubscription(request.SubscriptionId, "subscription_id", cancellationToken);
        subscription.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        return new DisableSubscriptionResponse { Subscription = WebhookContracts.ToContract(subscription) };
    }

    public async Task<PublishEventResponse> PublishAsync(PublishEventRequest request, Caller caller, CancellationToken cancellationToken)
    {
        new Validation()
            .RequireText(request.EventType, "event_type", 100)
            .Require(request.EventType.Length == 0 || EventTypeNames.IsValid(request.EventType), "event_type", "must be lower-case dot-separated words, e.g. external.portal.payment_received")
            .Require(request.EventType.Length == 0 || request.EventType.StartsWith(EventIntake.PublishedNamespace, StringComparison.Ordinal), "event_type",
                $"published events live under {EventIntake.PublishedNamespace}* (e.g. {EventIntake.PublishedNamespace}portal.payment_received); dossier.*, task.*, index.* and the other producers' types come only from their own change feeds")
            .RequireText(request.Subject, "subject", 200)
            .Require(request.DedupKey.Length <= 300, "dedup_key", "must be at most 300 characters")
            .ThrowIfInvalid();
        var dedupKey = request.DedupKey.Length > 0 ? request.DedupKey : Guid.NewGuid().ToString("N");
        var existing = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.DedupKey == dedupKey, cancellationToken);
        if (existing is not null)
        {
            return new PublishEventResponse { EventId = existing.Id.ToString(), Duplicate = true };
        }
        var payload = request.Payload is null ? [] : JsonNode.Parse(JsonFormatter.Default.Format(request.Payload))!.AsObject();
        var queued = await EventIntake.PublishAsync(db, request.EventType, request.Subject, payload, dedupKey, caller.Subject, cancellationToken);
        if (queued is null)
        {
            // A concurrent publish with the same key won the race.
            var winner = await db.Events.AsNoTracking().FirstAsync(e => e.DedupKey == dedupKey, cancellationToken);
            return new PublishEventResponse { EventId = winner.Id.ToString(), Duplicate = true };
        }
        signal.Notify();
        return new PublishEventResponse { EventId = queued.Value.EventId.ToString(), DeliveriesQueued = queued.Value.Deliveries };
    }

    public async Task<ReplayDeliveriesResponse> ReplayAsync(ReplayDeliveriesRequest request, CancellationToken cancellationToken)
    {
        new Validation().Require(request.SubscriptionId.Length > 0 || request.DeliveryIds.Count > 0, "subscription_id",
            "give a subscription (all its dead deliveries) or delivery_ids").ThrowIfInvalid();
        var query = db.Deliveries.Where(d => d.State == DeliveryState.Dead);
        if (request.SubscriptionId.Length > 0)
        {
            var subscriptionId = WebhookContracts.ParseId(request.SubscriptionId, "subscription_id");
            query = query.Where(d => d.SubscriptionId == subscriptionId);
        }
        if (request.DeliveryIds.Count > 0)
        {
            var ids = request.DeliveryIds.Select((id, i) => WebhookContracts.ParseId(id, $"delivery_ids[{i}]")).ToList();
            query = query.Where(d => ids.Contains(d.Id));
        }
        var dead = await query.ToListAsync(cancellationToken);
        var now = ServiceClock.System.UtcNow();
        foreach (var delivery in dead)
        {
            delivery.State = DeliveryState.Pending;
            delivery.AttemptCount = 0;
            delivery.NextAttemptAt = now;
        }
        var deadIds = dead.Select(d => (Guid?)d.Id).ToList();
        await db.OperatorAlerts.Where(a => a.ResolvedAt == null && deadIds.Contains(a.DeliveryId))
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.ResolvedAt, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return new ReplayDeliveriesResponse { Replayed = dead.Count };
    }

    private async Task<WebhookSubscription> FindSubscription(string id, string field, CancellationToken cancellationToken)
    {
        var guid = WebhookContracts.ParseId(id, field);
        return await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == guid, cancellationToken)
            ?? throw RpcErrors.NotFound(SubscriptionType, id);
    }
}
