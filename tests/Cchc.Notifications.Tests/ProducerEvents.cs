using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Events;
using Cchc.Notifications.V1;
using Cchc.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cchc.Notifications.Tests;

/// <summary>
/// Takes in an event as a producer's change feed would (Dossiers, Directives, Indexes): the only
/// path that may plan messages to applicants and officials. <c>PublishEvent</c> cannot.
/// </summary>
public static class ProducerEvents
{
    public static async Task<PublishEventResponse> TakeInAsync(ServiceFixture<Program> fixture, string type, string subject, Struct payload, string? dedupKey = null)
    {
        var services = fixture.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var intake = scope.ServiceProvider.GetRequiredService<EventIntake>();
        var json = JsonNode.Parse(JsonFormatter.Default.Format(payload))!.AsObject();
        (Guid EventId, int Deliveries)? queued = await intake.StageAsync(db, type, subject, json, dedupKey ?? Guid.NewGuid().ToString("N"), "feed:test",
            await EventIntake.ActiveSubscriptionsAsync(db, CancellationToken.None), CancellationToken.None);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            queued = null;
        }
        services.GetRequiredService<Webhooks.DispatchSignal>().Notify();
        services.GetRequiredService<Inbox.InboxSignal>().Notify();
        services.GetRequiredService<Messages.MessageSignal>().Notify();
        return queued is null
            ? new PublishEventResponse { Duplicate = true }
            : new PublishEventResponse { EventId = queued.Value.EventId.ToString(), DeliveriesQueued = queued.Value.Deliveries };
    }
}
