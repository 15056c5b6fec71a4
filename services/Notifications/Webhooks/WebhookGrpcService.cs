using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Events;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cchc.Notifications.Webhooks;

public sealed class WebhookGrpcService(NotificationsDbContext db, SubscriptionHandler subscribing, DispatchSignal signal, EventIntake intake)
    : WebhookService.WebhookServiceBase
{
    private const string SubscriptionType = "cchc.notifications.v1.Subscription";

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<CreateSubscriptionResponse> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context)
    {
        var (subscription, secret) = await subscribing.CreateAsync(request.Url, request.EventTypes, request.Filter, request.Description, context.GetCaller(), context.CancellationToken);
        return new CreateSubscriptionResponse { Subscription = ToContract(subscription), Secret = secret };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<ListSubscriptionsResponse> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => request.IncludeDisabled || s.Active)
            .OrderBy(s => s.CreatedAt).ToListAsync(context.CancellationToken);
        var response = new ListSubscriptionsResponse();
        response.Subscriptions.AddRange(subscriptions.Select(ToContract));
        return response;
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<DisableSubscriptionResponse> DisableSubscription(DisableSubscriptionRequest request, ServerCallContext context)
    {
        var subscription = await FindSubscription(request.SubscriptionId, "subscription_id", context.CancellationToken);
        subscription.Active = false;
        await db.SaveChangesAsync(context.CancellationToken);
        return new DisableSubscriptionResponse { Subscription = ToContract(subscription) };
    }

    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator}")]
    public override async Task<PublishEventResponse> PublishEvent(PublishEventRequest request, ServerCallContext context)
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
        var existing = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.DedupKey == dedupKey, context.CancellationToken);
        if (existing is not null)
        {
            return new PublishEventResponse { EventId = existing.Id.ToString(), Duplicate = true };
        }
        var payload = request.Payload is null ? [] : JsonNode.Parse(JsonFormatter.Default.Format(request.Payload))!.AsObject();
        var queued = await intake.TakeInAsync(db, request.EventType, request.Subject, payload, dedupKey, context.GetCaller().Subject, EventOrigin.Published, context.CancellationToken);
        if (queued is null)
        {
            // A concurrent publish with the same key won the race.
            var winner = await db.Events.AsNoTracking().FirstAsync(e => e.DedupKey == dedupKey, context.CancellationToken);
            return new PublishEventResponse { EventId = winner.Id.ToString(), Duplicate = true };
        }
        signal.Notify();
        return new PublishEventResponse { EventId = queued.Value.EventId.ToString(), DeliveriesQueued = queued.Value.Deliveries };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context)
    {
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        var query = db.Deliveries.AsNoTracking();
        // Ids are parsed before the query is built: a refusal thrown inside an EF expression would surface as a fault.
        if (request.SubscriptionId.Length > 0)
        {
            var subscriptionId = ParseId(request.SubscriptionId, "subscription_id");
            query = query.Where(d => d.SubscriptionId == subscriptionId);
        }
        if (request.EventId.Length > 0)
        {
            var eventId = ParseId(request.EventId, "event_id");
            query = query.Where(d => d.EventId == eventId);
        }
        if (request.Status != V1.DeliveryStatus.Unspecified)
        {
            query = query.Where(d => d.State == (DeliveryState)request.Status);
        }
        if (after is not null && long.TryParse(after, out var afterSequence))
        {
            query = query.Where(d => d.Sequence > afterSequence);
        }
        var page = await query.OrderBy(d => d.Sequence).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var ids = page.Select(d => d.Id).ToList();
        var attempts = (await db.DeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Number).ToListAsync(context.CancellationToken))
            .ToLookup(a => a.DeliveryId);
        var response = new ListDeliveriesResponse();
        foreach (var delivery in page.Take(pageSize))
        {
            var item = new V1.Delivery
            {
                DeliveryId = delivery.Id.ToString(),
                SubscriptionId = delivery.SubscriptionId.ToString(),
                EventId = delivery.EventId.ToString(),
                EventType = delivery.EventType,
                Subject = delivery.Subject,
                Status = (V1.DeliveryStatus)delivery.State,
                AttemptCount = delivery.AttemptCount,
                NextAttemptTime = Timestamp.FromDateTimeOffset(delivery.NextAttemptAt),
                DeliveredTime = delivery.DeliveredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            };
            item.Attempts.AddRange(attempts[delivery.Id].Select(a => new V1.DeliveryAttempt
            {
                Number = a.Number,
                AttemptTime = Timestamp.FromDateTimeOffset(a.AttemptedAt),
                HttpStatus = a.HttpStatus,
                Answer = a.Answer,
                DurationMs = a.DurationMs,
            }));
            response.Deliveries.Add(item);
        }
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return response;
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<ReplayDeliveriesResponse> ReplayDeliveries(ReplayDeliveriesRequest request, ServerCallContext context)
    {
        new Validation().Require(request.SubscriptionId.Length > 0 || request.DeliveryIds.Count > 0, "subscription_id",
            "give a subscription (all its dead deliveries) or delivery_ids").ThrowIfInvalid();
        var query = db.Deliveries.Where(d => d.State == DeliveryState.Dead);
        if (request.SubscriptionId.Length > 0)
        {
            var subscriptionId = ParseId(request.SubscriptionId, "subscription_id");
            query = query.Where(d => d.SubscriptionId == subscriptionId);
        }
        if (request.DeliveryIds.Count > 0)
        {
            var ids = request.DeliveryIds.Select((id, i) => ParseId(id, $"delivery_ids[{i}]")).ToList();
            query = query.Where(d => ids.Contains(d.Id));
        }
        var dead = await query.ToListAsync(context.CancellationToken);
        var now = ServiceClock.System.UtcNow();
        foreach (var delivery in dead)
        {
            delivery.State = DeliveryState.Pending;
            delivery.AttemptCount = 0;
            delivery.NextAttemptAt = now;
        }
        var deadIds = dead.Select(d => (Guid?)d.Id).ToList();
        await db.OperatorAlerts.Where(a => a.ResolvedAt == null && deadIds.Contains(a.DeliveryId))
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.ResolvedAt, now), context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        signal.Notify();
        return new ReplayDeliveriesResponse { Replayed = dead.Count };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<GetDeliveryHealthResponse> GetDeliveryHealth(GetDeliveryHealthRequest request, ServerCallContext context)
    {
        var counts = await db.Deliveries.AsNoTracking().GroupBy(d => d.State).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken);
        var oldest = await db.Deliveries.AsNoTracking().Where(d => d.State == DeliveryState.Pending)
            .MinAsync(d => (DateTimeOffset?)d.CreatedAt, context.CancellationToken);
        var alerts = await db.OperatorAlerts.AsNoTracking().Where(a => a.ResolvedAt == null).OrderBy(a => a.RaisedAt).Take(100).ToListAsync(context.CancellationToken);
        var response = new GetDeliveryHealthResponse
        {
            Pending = counts.GetValueOrDefault(DeliveryState.Pending),
            Delivered = counts.GetValueOrDefault(DeliveryState.Delivered),
            Dead = counts.GetValueOrDefault(DeliveryState.Dead),
            OldestPendingSeconds = oldest is { } o ? (long)(DateTimeOffset.UtcNow - o).TotalSeconds : 0,
        };
        response.OpenAlerts.AddRange(alerts.Select(a => new V1.OperatorAlert
        {
            AlertId = a.Id.ToString(),
            Message = a.Message,
            SubscriptionId = a.SubscriptionId?.ToString() ?? "",
            DeliveryId = a.DeliveryId?.ToString() ?? "",
            RaiseTime = Timestamp.FromDateTimeOffset(a.RaisedAt),
        }));
        return response;
    }

    private async Task<WebhookSubscription> FindSubscription(string id, string field, CancellationToken cancellationToken)
    {
        var guid = ParseId(id, field);
        return await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == guid, cancellationToken)
            ?? throw RpcErrors.NotFound(SubscriptionType, id);
    }

    private static Guid ParseId(string id, string field) =>
        Guid.TryParse(id, out var guid) ? guid : throw RpcErrors.InvalidArgument(new FieldViolation(field, "is not an id returned by Cchc"));

    private static Subscription ToContract(WebhookSubscription s)
    {
        var result = new Subscription
        {
            SubscriptionId = s.Id.ToString(),
            Url = s.Url,
            Description = s.Description,
            Status = s.Active ? SubscriptionStatus.Active : SubscriptionStatus.Disabled,
            VerifyTime = Timestamp.FromDateTimeOffset(s.VerifiedAt),
            CreateTime = Timestamp.FromDateTimeOffset(s.CreatedAt),
            CreatedBy = s.CreatedBy,
        };
        result.EventTypes.AddRange(s.EventTypes);
        result.Filter.Add(s.Filter);
        return result;
    }
}
