using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Grpc;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Notifications.Webhooks;

/// <summary>Subscriptions as the contract gives them, and the ids a caller passes back.</summary>
public static class WebhookContracts
{
    public const string SubscriptionType = "cchc.notifications.v1.Subscription";

    public static Guid ParseId(string id, string field) =>
        Guid.TryParse(id, out var guid) ? guid : throw RpcErrors.InvalidArgument(new FieldViolation(field, "is not an id returned by Cchc"));

    public static Subscription ToContract(WebhookSubscription s)
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
