using Cchc.Notifications.V1;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Notifications.Tests;

public sealed class WebhookTests(PatientWebhookFixture fixture) : IClassFixture<PatientWebhookFixture>
{
    private readonly WebhookService.WebhookServiceClient _client = new(fixture.CreateChannel());
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<(WebhookReceiver Receiver, Subscription Subscription)> Subscribe(string eventType, Dictionary<string, string>? filter = null)
    {
        var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var request = new CreateSubscriptionRequest { Url = receiver.Url, EventTypes = { eventType }, Description = "Cổng dịch vụ công (thử nghiệm)" };
        request.Filter.Add(filter ?? []);
        var created = await _client.CreateSubscriptionAsync(request);
        receiver.Secret = created.Secret;
        return (receiver, created.Subscription);
    }

    private Task<PublishEventResponse> Publish(string type, string subject, int n, string? agency = "QT.SKHCN", string? key = null) =>
        _client.PublishEventAsync(new PublishEventRequest
        {
            EventType = type,
            Subject = subject,
            DedupKey = key ?? $"{subject}-{type}-{n}-{Guid.NewGuid():N}",
            Payload = new Struct { Fields = { ["n"] = Value.ForNumber(n), ["agency_code"] = Value.ForString(agency ?? "") } },
        }).ResponseAsync;

    [Fact]
    public async Task A_subscription_is_stored_only_when_its_endpoint_confirms_the_challenge()
    {
        await using var silent = new WebhookReceiver { EchoChallenge = false };
        await silent.StartAsync();

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = silent.Url, EventTypes = { "external.dossier.*" } }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = "http://127.0.0.1:1/hooks", EventTypes = { "external.dossier.*" } }).ResponseAsync);
        var stored = await _client.ListSubscriptionsAsync(new ListSubscriptionsRequest { IncludeDisabled = true });

        Assert.DoesNotContain(stored.Subscriptions, s => s.Url == silent.Url || s.Url == "http://127.0.0.1:1/hooks");
    }

    [Fact]
    public async Task Deliveries_are_signed_and_carry_the_event_once_per_dedup_key()
    {
        var (receiver, _) = await Subscribe("external.task.overdue");
        await using var _ = receiver;

        var first = await Publish("external.task.overdue", "35-CT/TU#3", 1, key: "chase-35-3-2026-11-20");
        var retry = await Publish("external.task.overdue", "35-CT/TU#3", 1, key: "chase-35-3-2026-11-20");
        await receiver.WaitUntilAsync(r => r.Count >= 1, Patience);
        await Task.Delay(300);

        var message = Assert.Single(receiver.Received);
        Assert.True(message.SignatureValid);
        Assert.Equal(("external.task.overdue", "35-CT/TU#3"), (message.Type, message.Subject));
        Assert.Equal(1, message.Data.GetProperty("n").GetInt32());
        Assert.True(retry.Duplicate);
        Assert.Equal(first.EventId, retry.EventId);
    }

    [Fact]
    public async Task Publishes_of_one_dedup_key_at_once_store_one_event_and_deliver_it_once()
    {
        var (receiver, _) = await Subscribe("external.portal.payment_received");
        await using var _ = receiver;
        var key = $"payment-{Guid.NewGuid():N}";

        // Sixteen at once: those past the look-up for an existing key meet at the unique index instead.
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Publish("external.portal.payment_received", "HS-0042", 7, key: key)));
        await receiver.WaitUntilAsync(r => r.Count >= 1, Patience);
        await Task.Delay(300);

        Assert.Single(answers, a => !a.Duplicate);
        Assert.Single(answers.Select(a => a.EventId).Distinct());
        var message = Assert.Single(receiver.Received);
        Assert.Equal(("external.portal.payment_received", "HS-0042"), (message.Type, message.Subject));
        Assert.Equal(7, message.Data.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Only_matching_event_types_and_filters_reach_a_subscription()
    {
        var (receiver, _) = await Subscribe("external.dossier.*", new Dictionary<string, string> { ["agency_code"] = "QT.SKHCN" });
        await using var _ = receiver;

        await Publish("external.dossier.received", "H48-1", 1, agency: "QT.SKHCN");
        await Publish("external.dossier.received", "H48-2", 2, agency: "QT.SYT");
        await Publish("external.task.overdue", "T-1", 3, agency: "QT.SKHCN");
        await Publish("external.dossier.status_changed", "H48-1", 4, agency: "QT.SKHCN");
        await receiver.WaitUntilAsync(r => r.Count >= 2, Patience);
        await Task.Delay(300);

        Assert.Equal([1, 4], receiver.Received.Select(r => r.Data.GetProperty("n").GetInt32()).Order());
    }

    [Fact]
    public async Task A_filter_names_a_field_as_documented_or_as_the_payload_spells_it_and_both_match()
    {
        var (snake, _) = await Subscribe("external.dossier.*", new Dictionary<string, string> { ["agency_code"] = "QT.SKHCN" });
        var (camel, _) = await Subscribe("external.dossier.*", new Dictionary<string, string> { ["agencyCode"] = "QT.SKHCN" });
        await using var _s = snake;
        await using var _c = camel;

        await _client.PublishEventAsync(new PublishEventRequest
        {
            EventType = "external.dossier.handed_over", Subject = "H48-9", DedupKey = $"camel-{Guid.NewGuid():N}",
            Payload = new Struct { Fields = { ["n"] = Value.ForNumber(1), ["agencyCode"] = Value.ForString("QT.SKHCN") } },
        });
        await Publish("external.dossier.received", "H48-9", 2, agency: "QT.SKHCN");
        await Publish("external.dossier.received", "H48-9", 3, agency: "QT.SYT");
        await snake.WaitUntilAsync(r => r.Count >= 2, Patience);
        await camel.WaitUntilAsync(r => r.Count >= 2, Patience);
        await Task.Delay(300);

        Assert.Equal([1, 2], snake.Received.Select(r => r.Data.GetProperty("n").GetInt32()).Order());
        Assert.Equal([1, 2], camel.Received.Select(r => r.Data.GetProperty("n").GetInt32()).Order());
    }

    [Fact]
    public async Task The_envelope_says_when_the_change_happened_not_when_Notifications_took_it_in()
    {
        var (receiver, _) = await Subscribe("dossier.status_changed");
        await using var _ = receiver;
        var happened = DateTimeOffset.UtcNow.AddMinutes(-7);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.NotificationsDbContext>();
            var intake = scope.ServiceProvider.GetRequiredService<Events.EventIntake>();
            var change = new Feeds.FeedChange(Random.Shared.NextInt64(1, long.MaxValue / 2), "dossier.status_changed", "QT.SKHCN-261206-0777", happened,
                new System.Text.Json.Nodes.JsonObject { ["agencyCode"] = "QT.SKHCN" });
            await Feeds.FeedConsumer.TakeInAsync(intake, db, $"late-{Guid.NewGuid():N}", null, [change], CancellationToken.None);
        }
        fixture.Factory.Services.GetRequiredService<Webhooks.DispatchSignal>().Notify();
        await receiver.WaitUntilAsync(r => r.Count >= 1, Patience);

        var delivered = Assert.Single(receiver.Received);
        Assert.NotNull(delivered.OccurredAt);
        Assert.True(Math.Abs((delivered.OccurredAt!.Value - happened).TotalMilliseconds) < 1, $"occurred_at {delivered.OccurredAt:O}, the change {happened:O}");
    }

    [Fact]
    public async Task A_receiver_that_was_down_gets_every_message_once_in_order_per_subject_when_it_comes_back()
    {
        var (receiver, subscription) = await Subscribe("external.dossier.*");
        await using var _ = receiver;
        await receiver.StopAsync();

        for (var n = 1; n <= 30; n++)
        {
            await Publish("external.dossier.status_changed", $"H48-{n % 3}", n);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        var waiting = await _client.ListDeliveriesAsync(new ListDeliveriesRequest { SubscriptionId = subscription.SubscriptionId, Status = DeliveryStatus.Pending });
        await receiver.StartAsync();
        await receiver.WaitUntilAsync(r => r.Count >= 30, Patience);
        await Task.Delay(300);

        Assert.Equal(30, waiting.Deliveries.Count);
        Assert.Contains(waiting.Deliveries, d => d.AttemptCount > 0 && d.Attempts.All(a => a.HttpStatus == 0));
        Assert.Equal(30, receiver.Received.Count);
        Assert.Equal(30, receiver.Received.Select(r => r.Id).Distinct().Count());
        foreach (var subject in receiver.Received.GroupBy(r => r.Subject))
        {
            var order = subject.Select(r => r.Data.GetProperty("n").GetInt32()).ToList();
            Assert.Equal(order.Order(), order);
        }
    }

    [Fact]
    public async Task Two_instances_draining_the_same_queue_deliver_every_message_exactly_once()
    {
        var (receiver, _) = await Subscribe("external.dossier.*");
        await using var _ = receiver;
        receiver.FailWith = System.Net.HttpStatusCode.ServiceUnavailable;
        for (var n = 1; n <= 20; n++)
        {
            await Publish("external.dossier.received", $"R-{n % 4}", n);
        }

        await using (var second = fixture.StartInstance())
        {
            receiver.FailWith = null;
            await receiver.WaitUntilAsync(r => r.Count >= 20, Patience);
        }
        await Task.Delay(500);

        Assert.Equal(20, receiver.Received.Count);
        Assert.Equal(20, receiver.Received.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Stopping_an_instance_in_the_middle_of_a_burst_loses_and_repeats_nothing()
    {
        var (receiver, _) = await Subscribe("external.dossier.*");
        await using var _ = receiver;
        receiver.Delay = TimeSpan.FromMilliseconds(150);
        var extra = fixture.StartInstance();

        for (var n = 1; n <= 24; n++)
        {
            await Publish("external.dossier.status_changed", $"S-{n % 6}", n);
        }
        await receiver.WaitUntilAsync(r => r.Count >= 3, Patience);
        await extra.DisposeAsync();
        await receiver.WaitUntilAsync(r => r.Count >= 24, Patience);
        await Task.Delay(500);

        Assert.Equal(24, receiver.Received.Count);
        Assert.Equal(24, receiver.Received.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_subjects_backlog_is_sent_in_order_and_a_refused_message_holds_back_the_rest_unsent_until_it_is_taken()
    {
        var (receiver, subscription) = await Subscribe("external.dossier.*");
        await using var _ = receiver;
        await receiver.StopAsync();
        for (var n = 1; n <= 12; n++)
        {
            await Publish("external.dossier.status_changed", "CHAIN-1", n);
        }
        var refusals = 0;
        receiver.Refuse = data => data.GetProperty("n").GetInt32() == 5 && Interlocked.Increment(ref refusals) <= 2
            ? System.Net.HttpStatusCode.ServiceUnavailable
            : null;
        await receiver.StartAsync();
        await receiver.WaitUntilAsync(r => r.Count(m => m.Subject == "CHAIN-1") >= 12, Patience);
        await Task.Delay(300);

        var log = (await _client.ListDeliveriesAsync(new ListDeliveriesRequest { SubscriptionId = subscription.SubscriptionId, PageSize = 100 }))
            .Deliveries.Where(d => d.Subject == "CHAIN-1").ToList();
        var refused = Assert.Single(log, d => d.Attempts.Any(a => a.HttpStatus == 503));

        Assert.Equal(Enumerable.Range(1, 12), receiver.Received.Where(m => m.Subject == "CHAIN-1").Select(m => m.Data.GetProperty("n").GetInt32()));
        Assert.Equal(12, log.Count);
        Assert.All(log, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Equal([503, 503, 204], refused.Attempts.Where(a => a.HttpStatus != 0).Select(a => a.HttpStatus));
        // The six behind it were released unsent each time, not attempted: one attempt each, the one taken.
        Assert.All(log.Where(d => d != refused), d => Assert.Equal([204], d.Attempts.Where(a => a.HttpStatus != 0).Select(a => a.HttpStatus)));
    }

    [Fact]
    public async Task The_delivery_log_shows_every_attempt_with_its_answer()
    {
        var (receiver, subscription) = await Subscribe("external.index.rank_fell");
        await using var _ = receiver;
        receiver.FailWith = System.Net.HttpStatusCode.InternalServerError;
        var published = await Publish("external.index.rank_fell", "PAPI-2022-QUANG_TRI", 1);
        // Let it fail at least once, however busy the machine, before the receiver recovers.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _client.ListDeliveriesAsync(new ListDeliveriesRequest { EventId = published.EventId })).Deliveries.All(d => d.Attempts.Count == 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "no delivery attempt within 30 s");
            await Task.Delay(50);
        }
        receiver.FailWith = null;
        await receiver.WaitUntilAsync(r => r.Count >= 1, Patience);
        await Task.Delay(300);

        var log = await _client.ListDeliveriesAsync(new ListDeliveriesRequest { EventId = published.EventId });
        var delivery = Assert.Single(log.Deliveries);

        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Contains(delivery.Attempts, a => a.HttpStatus == 500);
        Assert.Equal(204, delivery.Attempts[^1].HttpStatus);
        Assert.Equal(subscription.SubscriptionId, delivery.SubscriptionId);
    }
}

public sealed class DeadLetterTests(ImpatientWebhookFixture fixture) : IClassFixture<ImpatientWebhookFixture>
{
    [Fact]
    public async Task After_its_last_attempt_a_delivery_is_dead_lettered_with_an_alert_holds_its_subject_and_can_be_replayed()
    {
        var client = new WebhookService.WebhookServiceClient(fixture.CreateChannel());
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var created = await client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = receiver.Url, EventTypes = { "external.dossier.*" } });
        receiver.Secret = created.Secret;
        receiver.FailWith = System.Net.HttpStatusCode.BadGateway;

        await client.PublishEventAsync(new PublishEventRequest { EventType = "external.dossier.received", Subject = "D-1", DedupKey = "d1-1", Payload = new Struct { Fields = { ["n"] = Value.ForNumber(1) } } });
        await WaitFor(async () => (await client.GetDeliveryHealthAsync(new GetDeliveryHealthRequest())).Dead == 1);
        receiver.FailWith = null;
        await client.PublishEventAsync(new PublishEventRequest { EventType = "external.dossier.status_changed", Subject = "D-1", DedupKey = "d1-2", Payload = new Struct { Fields = { ["n"] = Value.ForNumber(2) } } });
        await Task.Delay(500);
        var held = receiver.Received.Count;
        var health = await client.GetDeliveryHealthAsync(new GetDeliveryHealthRequest());

        var replayed = await client.ReplayDeliveriesAsync(new ReplayDeliveriesRequest { SubscriptionId = created.Subscription.SubscriptionId });
        await receiver.WaitUntilAsync(r => r.Count >= 2, TimeSpan.FromSeconds(30));
        var after = await client.GetDeliveryHealthAsync(new GetDeliveryHealthRequest());

        Assert.Equal(0, held);
        Assert.Contains(health.OpenAlerts, a => a.SubscriptionId == created.Subscription.SubscriptionId && a.Message.Contains("dead-lettered"));
        Assert.Equal(1, replayed.Replayed);
        Assert.Equal([1, 2], receiver.Received.Select(r => r.Data.GetProperty("n").GetInt32()));
        Assert.Equal(0, after.Dead);
        Assert.Empty(after.OpenAlerts);
    }

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }

    [Theory]
    [InlineData("event_id", "../../etc/passwd")]
    [InlineData("subscription_id", "not-an-id")]
    public async Task The_delivery_log_refuses_an_id_that_is_not_one_as_INVALID_ARGUMENT_on_its_field(string field, string value)
    {
        var request = field == "event_id" ? new ListDeliveriesRequest { EventId = value } : new ListDeliveriesRequest { SubscriptionId = value };

        await RpcAssert.InvalidFields(() => new WebhookService.WebhookServiceClient(fixture.CreateChannel()).ListDeliveriesAsync(request).ResponseAsync, field);
    }
}
