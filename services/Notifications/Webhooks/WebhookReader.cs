using Cchc.Notifications.Data;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Grpc;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Webhooks;

/// <summary>What the webhook queue reads: subscriptions, deliveries with their attempts (pages by sequence), and its health.</summary>
public sealed class WebhookReader(NotificationsDbContext db)
{
    public async Task<ListSubscriptionsResponse> ListSubscriptionsAsync(ListSubscriptionsRequest request, CancellationToken cancellationToken)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => request.IncludeDisabled || s.Active)
            .OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        var response = new ListSubscriptionsResponse();
        response.Subscriptions.AddRange(subscriptions.Select(WebhookContracts.ToContract));
        return response;
    }

    public async Task<ListDeliveriesResponse> ListDeliveriesAsync(ListDeliveriesRequest request, CancellationToken cancellationToken)
    {
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        var query = db.Deliveries.AsNoTracking();
        // Ids are parsed before the query is built: a refusal thrown inside an EF expression would surface as a fault.
        if (request.SubscriptionId.Length > 0)
        {
            var subscriptionId = WebhookContracts.ParseId(request.SubscriptionId, "subscription_id");
            query = query.Where(d => d.SubscriptionId == subscriptionId);
        }
        if (request.EventId.Length > 0)
        {
            var eventId = WebhookContracts.ParseId(request.EventId, "event_id");
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
        var page = await query.OrderBy(d => d.Sequence).Take(pageSize + 1).ToListAsync(cancellationToken);
        var ids = page.Select(d => d.Id).ToList();
        var attempts = (await db.DeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Number).ToListAsync(cancellationToken))
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

    public async Task<GetDeliveryHealthResponse> HealthAsync(GetDeliveryHealthRequest request, CancellationToken cancellationToken)
    {
        var counts = await db.Deliveries.AsNoTracking().GroupBy(d => d.State).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var oldest = await db.Deliveries.AsNoTracking().Where(d => d.State == DeliveryState.Pending)
            .MinAsync(d => (DateTimeOffset?)d.CreatedAt, cancellationToken);
        var alerts = await db.OperatorAlerts.AsNoTracking().Where(a => a.ResolvedAt == null).OrderBy(a => a.RaisedAt).Take(100).ToListAsync(cancellationToken);
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
}
