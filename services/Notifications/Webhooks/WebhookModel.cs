using System.Text.Json.Nodes;

namespace Cchc.Notifications.Webhooks;

public sealed class WebhookSubscription
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Url { get; init; }
    public List<string> EventTypes { get; init; } = [];
    public Dictionary<string, string> Filter { get; init; } = [];
    public string Description { get; init; } = "";
    /// <summary>Kept to sign deliveries, sealed when a key is configured (<see cref="WebhookSecrets"/>); never returned after creation.</summary>
    public required string Secret { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset VerifiedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
}

/// <summary>An event taken in; its deliveries are created in the same transaction.</summary>
public sealed class NotificationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string EventType { get; init; }
    public required string Subject { get; init; }
    public required JsonObject Payload { get; init; }
    public required string DedupKey { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string PublishedBy { get; init; } = "";
}

public enum DeliveryState
{
    Pending = 1,
    Delivered = 2,
    Dead = 3,
}

/// <summary>
/// One event to one subscription. <see cref="Sequence"/> orders deliveries of the same subject to the
/// same subscription: one is attempted only when every earlier one has been delivered.
/// </summary>
public sealed class WebhookDelivery
{
    public long Sequence { get; init; }
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SubscriptionId { get; init; }
    public Guid EventId { get; init; }
    public required string EventType { get; init; }
    public required string Subject { get; init; }
    public DeliveryState State { get; set; } = DeliveryState.Pending;
    public int AttemptCount { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>A dispatcher holds the delivery until then, or until its owner's connection is gone.</summary>
    public DateTimeOffset LeaseUntil { get; set; }
    /// <summary>The dispatcher instance sending it now; cleared when the attempt is recorded, so one left behind marks an interrupted attempt.</summary>
    public Guid? LeaseOwner { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public sealed class DeliveryAttemptRecord
{
    public long Id { get; init; }
    public Guid DeliveryId { get; init; }
    public int Number { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public int HttpStatus { get; init; }
    public string Answer { get; init; } = "";
    public int DurationMs { get; init; }
}

/// <summary>Something an operator must look at, e.g. a dead-lettered delivery.</summary>
public sealed class OperatorAlert
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Message { get; init; }
    public Guid? SubscriptionId { get; init; }
    public Guid? DeliveryId { get; init; }
    /// <summary>The dead-lettered e-mail or SMS, when the alert is about one.</summary>
    public Guid? MessageId { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
