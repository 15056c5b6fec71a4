using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Queues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Notifications.Webhooks;

/// <summary>Wakes the webhook dispatcher when new deliveries are queued, so they do not wait for the next poll.</summary>
public sealed class DispatchSignal : WakeSignal;

/// <summary>
/// Sends queued deliveries. Each round claims, under a lease, the head of every (subscription,
/// subject) queue that is due — the first delivery of a subject not yet delivered — so subjects
/// never overtake themselves, and several instances never send the same delivery at once. Behind each
/// head come the deliveries of the same subject after it, as many as <see cref="WebhookOptions.ChainLength"/>
/// allows while each is due: they are sent one after the other, each only once the one before it was answered
/// with success, so a subject's backlog drains in a few rounds instead of one delivery per round.
/// Delivery is at least once: a crash after the receiver answered but before the answer was stored
/// sends again, with the same <c>webhook-id</c> for the receiver to recognise. The loop, the lease and
/// the take-over of a dead instance's claims (its connection <c>cchc-webhooks:&lt;instance&gt;</c> gone)
/// are <see cref="LeasedQueueDispatcher{TOptions}"/>'s; the attempt a take-over cut off is written to
/// the delivery log as interrupted (for a delivery claimed behind a head, the dead instance may not have
/// reached it: the log says the receiver may have received it).
/// </summary>
public sealed class WebhookDispatcher(
    IServiceProvider services, IOptions<WebhookOptions> options, DispatchSignal signal, WebhookSender sender, ILogger<WebhookDispatcher> logger)
    : LeasedQueueDispatcher<WebhookOptions>(services, options, signal, logger)
{
    public const string PresencePrefix = "cchc-webhooks:";

    private static readonly LeasedQueue Deliveries = new(
        "webhook_deliveries", PresencePrefix, (int)DeliveryState.Pending,
        Join: "JOIN webhook_subscriptions s ON s.id = c.subscription_id AND s.active",
        Order: "c.sequence",
        ChainKey: ["subscription_id", "subject"],
        ChainFilter: $"f.state <> {(int)DeliveryState.Delivered}");

    protected override LeasedQueue Queue => Deliveries with { ChainLength = Math.Max(1, Options.ChainLength) };

    protected override string Name => "Webhook dispatch";

    protected override Task ProcessAsync(QueueClaim claim, CancellationToken cancellationToken) => ProcessRoundAsync([claim], cancellationToken);

    /// <summary>
    /// Reads the round's deliveries, their events and subscriptions in three queries (not three per delivery),
    /// sends each chain (a head and the deliveries claimed behind it) in order, <see cref="WebhookOptions.Concurrency"/>
    /// chains at a time, and records every attempt of the round in one transaction when the last is answered (one
    /// commit per round, not one per delivery: a crash before it sends the round again, with the same webhook-ids, as a
    /// crash between a send and its record always did for one delivery). A chain stops at its first failed send; the
    /// deliveries behind it are released unsent, to wait behind it again.
    /// </summary>
    protected override async Task ProcessRoundAsync(IReadOnlyList<QueueClaim> claimed, CancellationToken cancellationToken)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var sequences = claimed.Select(c => c.Sequence).ToList();
        var deliveries = await db.Deliveries.Where(d => sequences.Contains(d.Sequence)).ToDictionaryAsync(d => d.Sequence, cancellationToken);
        var subscriptionIds = deliveries.Values.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var eventIds = deliveries.Values.Select(d => d.EventId).Distinct().ToList();
        var notifications = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);

        // The bodies before the sends: one event's payload may go to several subscriptions, and a parsed JSON node
        // is not safe to read from several threads at once.
        var bodies = claimed.Select(c => Body(deliveries[c.Sequence], notifications[deliveries[c.Sequence].EventId])).ToArray();
        var chains = Enumerable.Range(0, claimed.Count).GroupBy(i => claimed[i].Head)
            .Select(chain => chain.OrderBy(i => claimed[i].Sequence).ToArray()).ToList();
        var outcomes = new (SendOutcome Outcome, DateTimeOffset At)?[claimed.Count];
        await Parallel.ForEachAsync(chains, new ParallelOptions { MaxDegreeOfParallelism = Options.Concurrency }, async (chain, _) =>
        {
            foreach (var i in chain)
            {
                var delivery = deliveries[claimed[i].Sequence];
                var outcome = await sender.SendAsync(subscriptions[delivery.SubscriptionId], delivery.Id.ToString(), bodies[i], cancellationToken);
                outcomes[i] = (outcome, ServiceClock.System.UtcNow());
                if (!outcome.Succeeded)
                {
                    break;
                }
            }
        });

        var end = ServiceClock.System.UtcNow();
        for (var i = 0; i < claimed.Count; i++)
        {
            var delivery = deliveries[claimed[i].Sequence];
            if (outcomes[i] is { } sent)
            {
                Record(db, claimed[i], delivery, subscriptions[delivery.SubscriptionId], sent.Outcome, sent.At);
            }
            else
            {
                Release(db, claimed[i], delivery, end);
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string Body(WebhookDelivery delivery, NotificationEvent notification) => new JsonObject
    {
        ["id"] = delivery.Id.ToString(),
        ["type"] = notification.EventType,
        ["subject"] = notification.Subject,
        ["occurred_at"] = notification.OccurredAt.ToString("O"),
        ["data"] = notification.Payload.DeepClone(),
    }.ToJsonString();

    /// <summary>Adds one attempt (and the interrupted one before it, if any) to the round's unit of work, and the delivery's new state.</summary>
    private void Record(NotificationsDbContext db, QueueClaim claim, WebhookDelivery delivery, WebhookSubscription subscription, SendOutcome outcome, DateTimeOffset now)
    {
        Release(db, claim, delivery, now);
        delivery.AttemptCount++;
        db.DeliveryAttempts.Add(new DeliveryAttemptRecord
        {
            DeliveryId = delivery.Id,
            Number = delivery.AttemptCount,
            AttemptedAt = now,
            HttpStatus = outcome.HttpStatus,
            Answer = outcome.Answer,
            DurationMs = outcome.DurationMs,
        });
        if (outcome.Succeeded)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = now;
        }
        else if (delivery.AttemptCount >= Options.MaxAttempts)
        {
            delivery.State = DeliveryState.Dead;
            db.OperatorAlerts.Add(new OperatorAlert
            {
                Message = $"Webhook {subscription.Url}: delivery {delivery.Id} of {delivery.EventType} ({delivery.Subject}) failed {delivery.AttemptCount} times and is dead-lettered; later messages of this subject wait until it is replayed. Last answer: {outcome.Answer}",
                SubscriptionId = subscription.Id,
                DeliveryId = delivery.Id,
                RaisedAt = now,
            });
            Logger.LogError("Delivery {DeliveryId} to {Url} dead-lettered after {Attempts} attempts: {Answer}", delivery.Id, subscription.Url, delivery.AttemptCount, outcome.Answer);
        }
        else
        {
            delivery.NextAttemptAt = now + Backoff.DelayAfter(delivery.AttemptCount, Options, Random.Shared);
        }
    }

    /// <summary>
    /// Gives a claimed delivery's lease back: after its own attempt, or unsent when it was claimed behind one that
    /// failed, to wait behind it again. First records the attempt a previous owner of the claim started and never
    /// recorded, if any: the receiver may or may not have it.
    /// </summary>
    private void Release(NotificationsDbContext db, QueueClaim claim, WebhookDelivery delivery, DateTimeOffset now)
    {
        if (claim.Interrupted is { } owner)
        {
            delivery.AttemptCount++;
            db.DeliveryAttempts.Add(new DeliveryAttemptRecord
            {
                DeliveryId = delivery.Id,
                Number = delivery.AttemptCount,
                AttemptedAt = now,
                HttpStatus = 0,
                Answer = $"Interrupted: the dispatcher {owner} stopped during this attempt; the receiver may have received it, and the next attempt repeats the same webhook-id.",
            });
            Logger.LogWarning("Delivery {DeliveryId} was being sent by dispatcher {Owner}, which stopped; sending it again", delivery.Id, owner);
        }
        delivery.LeaseUntil = now;
        delivery.LeaseOwner = null;
    }
}

public sealed record SendOutcome(bool Succeeded, int HttpStatus, string Answer, int DurationMs);

/// <summary>Posts one signed message. Its own client: retries are the queue's business, not the HTTP pipeline's.</summary>
public sealed class WebhookSender
{
    private readonly WebhookSecrets secrets;
    /// <summary>What is read of an endpoint's answer: enough for the challenge and the delivery log, no more.</summary>
    public const int MaxAnswerBytes = 4096;

    private readonly IOptions<WebhookOptions> options;
    private readonly HttpClient _http;

    public WebhookSender(IOptions<WebhookOptions> options, WebhookSecrets secrets)
    {
        this.options = options;
        this.secrets = secrets;
        _http = new(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
            // A proxy would be connected to instead of the endpoint, and the address check with it.
            UseProxy = false,
            ConnectCallback = WebhookNetwork.Connect(() => options.Value.AllowPrivateNetworks),
        });
    }

    public async Task<SendOutcome> SendAsync(WebhookSubscription subscription, string messageId, string body, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string secret;
        try
        {
            secret = secrets.Open(subscription);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Security.Cryptography.CryptographicException or FormatException)
        {
            // Never sent unsigned: the delivery fails (and retries, then dead-letters) until the key is right.
            return new SendOutcome(false, 0, $"The signing secret could not be opened: {ex.Message}", 0);
        }
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, messageId, timestamp, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var answer = await ReadAnswerAsync(response.Content, timeout.Token);
            return new SendOutcome(response.IsSuccessStatusCode, (int)response.StatusCode, Truncate(answer), (int)clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(false, 0, Truncate(ex.GetBaseException().Message), (int)clock.ElapsedMilliseconds);
        }
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];

    /// <summary>The first <see cref="MaxAnswerBytes"/> of the body; the rest is never read (nor waited for).</summary>
    private static async Task<string> ReadAnswerAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    internal static string Json(object value) => JsonSerializer.Serialize(value);
}
