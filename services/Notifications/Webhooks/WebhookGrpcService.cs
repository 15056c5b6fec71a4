using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Cchc.Notifications.Webhooks;

/// <summary>
/// The webhook API. The adapter maps; <see cref="SubscriptionHandler"/> subscribes an endpoint,
/// <see cref="WebhookOperationsHandler"/> disables, publishes and replays, <see cref="WebhookReader"/> reads.
/// </summary>
public sealed class WebhookGrpcService(SubscriptionHandler subscribing, WebhookOperationsHandler operations, WebhookReader reader)
    : WebhookService.WebhookServiceBase
{
    [Authorize(Roles = Roles.Administrator)]
    public override async Task<CreateSubscriptionResponse> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context)
    {
        var (subscription, secret) = await subscribing.CreateAsync(request.Url, request.EventTypes, request.Filter, request.Description, context.GetCaller(), context.CancellationToken);
        return new CreateSubscriptionResponse { Subscription = WebhookContracts.ToContract(subscription), Secret = secret };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override Task<ListSubscriptionsResponse> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context) =>
        reader.ListSubscriptionsAsync(request, context.CancellationToken);

    [Authorize(Roles = Roles.Administrator)]
    public override Task<DisableSubscriptionResponse> DisableSubscription(DisableSubscriptionRequest request, ServerCallContext context) =>
        operations.DisableAsync(request, context.CancellationToken);

    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator}")]
    public override Task<PublishEventResponse> PublishEvent(PublishEventRequest request, ServerCallContext context) =>
        operations.PublishAsync(request, context.GetCaller(), context.CancellationToken);

    [Authorize(Roles = Roles.Administrator)]
    public override Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context) =>
        reader.ListDeliveriesAsync(request, context.CancellationToken);

    [Authorize(Roles = Roles.Administrator)]
    public override Task<ReplayDeliveriesResponse> ReplayDeliveries(ReplayDeliveriesRequest request, ServerCallContext context) =>
        operations.ReplayAsync(request, context.CancellationToken);

    [Authorize(Roles = Roles.Administrator)]
    public override Task<GetDeliveryHealthResponse> GetDeliveryHealth(GetDeliveryHealthRequest request, ServerCallContext context) =>
        reader.HealthAsync(request, context.CancellationToken);
}
