using Microsoft.Extensions.Hosting;
namespace Cchc.Notifications.Templates;

/// <summary>One version of the message sent for an event type on a channel.</summary>
public sealed class MessageTemplate
{
    public required string EventType { get; init; }
    public NotificationChannel Channel { get; init; }
    public int Version { get; init; } = 1;
    public string Subject { get; init; } = "";
    public required string Body { get; init; }
    public Dictionary<string, string> SampleValues { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; } = ServiceClock.System.UtcNow();
}

/// <summary>Mirrors <c>cchc.notifications.v1.Channel</c>.</summary>
public enum NotificationChannel
{
    Unspecified = 0,
    Email = 1,
    Sms = 2,
    Webhook = 3,
    InApp = 4,
}
