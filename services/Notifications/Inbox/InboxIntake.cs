using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Templates;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Inbox;

/// <summary>Adds the in-app messages an event calls for to the same unit of work as the event itself.</summary>
public static class InboxIntake
{
    public static async Task<int> AddItemsAsync(NotificationsDbContext db, Guid eventId, string eventType, JsonObject payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var addressees = InAppRules.Addressees(eventType, payload).ToList();
        if (addressees.Count == 0)
        {
            return 0;
        }
        var template = await db.Templates.AsNoTracking()
            .Where(t => t.EventType == eventType && t.Channel == NotificationChannel.InApp)
            .OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        // Each field under its own and its snake_case name, as e-mail and SMS templates read them.
        var values = Messages.EventValues.From(payload);
        var rendered = template is null
            ? new RenderedMessage($"Thông báo mới: {eventType}", $"Có thông báo mới ({eventType}). Đề nghị đồng chí xem chi tiết trên hệ thống.", [])
            : TemplateRenderer.Render(template.Subject, template.Body, values);
        foreach (var (rule, addressee) in addressees)
        {
            db.InboxItems.Add(new InboxItem
            {
                EventId = eventId,
                EventType = eventType,
                AddresseeKind = rule.Kind,
                Addressee = addressee,
                Title = rendered.Subject,
                Body = rendered.Body,
                TemplateVersion = template?.Version ?? 0,
                Urgent = rule.Urgent,
                CreatedAt = now,
            });
        }
        return addressees.Count;
    }
}
