using Cchc.ChangeFeeds;
using Cchc.Dossiers.V1;
using Cchc.Notifications.Data;
using Cchc.Notifications.Feeds;
using Cchc.Notifications.V1;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Notifications.Tests;

public sealed class DossierFeedTests(PatientWebhookFixture fixture) : IClassFixture<PatientWebhookFixture>
{
    private static DossierChange Change(long sequence, string type, string code, string agency = "QT.SKHCN") => new()
    {
        Sequence = sequence,
        Type = type,
        DossierCode = code,
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Payload = new Struct { Fields = { ["agencyCode"] = Value.ForString(agency), ["status"] = Value.ForNumber(2), ["statusName"] = Value.ForString("Được tiếp nhận") } },
    };

    [Fact]
    public async Task A_page_taken_in_again_after_a_crash_before_the_cursor_moved_notifies_nobody_twice()
    {
        var client = new WebhookService.WebhookServiceClient(fixture.CreateChannel());
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var subscription = await client.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Url = receiver.Url, EventTypes = { "dossier.*" }, Filter = { ["agencyCode"] = "QT.FEEDTEST" },
        });
        receiver.Secret = subscription.Secret;
        var page = new[]
        {
            Change(1, "dossier.received", "QT.FEEDTEST-261120-0001", "QT.FEEDTEST"),
            Change(2, "dossier.status_changed", "QT.FEEDTEST-261120-0001", "QT.FEEDTEST"),
            Change(3, "dossier.received", "OTHER-261120-0001", "QT.OTHER"),
        };

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            // The first take-in commits; the second replays the same page with the cursor it read before, as after a crash.
            await FeedConsumer.TakeInAsync(scope.ServiceProvider.GetRequiredService<Events.EventIntake>(), db, DossierFeedConsumer.Name, null, page.Select(DossierFeedConsumer.ToFeedChange).ToList(), CancellationToken.None);
            db.ChangeTracker.Clear();
            var stale = new FeedCursor { Feed = "dossiers-replay" };
            await FeedConsumer.TakeInAsync(scope.ServiceProvider.GetRequiredService<Events.EventIntake>(), db, DossierFeedConsumer.Name, stale, page.Select(DossierFeedConsumer.ToFeedChange).ToList(), CancellationToken.None);
        }
        await receiver.WaitUntilAsync(r => r.Count >= 2, TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        Assert.Equal(["dossier.received", "dossier.status_changed"], receiver.Received.Select(r => r.Type));
        Assert.All(receiver.Received, r => Assert.Equal("QT.FEEDTEST-261120-0001", r.Subject));
        await using var check = fixture.Factory.Services.CreateAsyncScope();
        var events = check.ServiceProvider.GetRequiredService<NotificationsDbContext>().Events;
        Assert.Equal(3, await events.CountAsync(e => e.DedupKey.StartsWith("feed:dossiers:")));
        Assert.Equal(3, (await check.ServiceProvider.GetRequiredService<NotificationsDbContext>().FeedCursors.SingleAsync(c => c.Feed == "dossiers")).LastSequence);
    }
}
