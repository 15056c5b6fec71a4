using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cchc.Hosting.Local;
using Cchc.Notifications.V1;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Bench;

/// <summary>
/// Sustained webhook deliveries per second: events published through the gateway, delivered by
/// Notifications to a local receiver, counted from the first publish to the last message received.
/// The ceiling is the same receiver taking plain POSTs from h2load over HTTP/1.1 at the dispatcher's concurrency.
/// </summary>
public static class WebhookBenchmark
{
    private const string EventType = "external.bench.event";
    private const string WarmUpType = "external.bench.warmup";
    private const int WarmUpEvents = 2000;

    public static async Task RunAsync(AppHostProcess stack, int events, int subjects, int publishers)
    {
        var received = 0;
        // When the first and the last counted delivery arrived (Stopwatch ticks).
        long firstAt = 0, lastAt = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var receiver = builder.Build();
        var counting = false;
        var warmedUp = 0;
        var warm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            using var json = JsonDocument.Parse(body);
            var type = json.RootElement.GetProperty("type").GetString();
            if (type == "cchc.verification")
            {
                return Results.Text(json.RootElement.GetProperty("challenge").GetString());
            }
            // Only the deliveries of the events published below count: never the ceiling's POSTs, even one still
            // in flight when counting starts.
            if (counting && type == EventType)
            {
                var count = Interlocked.Increment(ref received);
                if (count == 1)
                {
                    firstAt = Stopwatch.GetTimestamp();
                }
                if (count == events)
                {
                    lastAt = Stopwatch.GetTimestamp();
                    done.TrySetResult();
                }
            }
            if (type == WarmUpType && Interlocked.Increment(ref warmedUp) == WarmUpEvents)
            {
                warm.TrySetResult();
            }
            return Results.NoContent();
        });
        await receiver.StartAsync();

        // Ceiling: the receiver alone, by h2load over HTTP/1.1 at the dispatcher's concurrency (Notifications'
        // Webhooks:Concurrency, 16), a body shaped like a delivery's.
        var ceilingBody = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = Guid.NewGuid().ToString(),
            type = "bench.ceiling",
            subject = "subject-0",
            occurred_at = DateTimeOffset.UtcNow.ToString("O"),
            data = new { n = 0 },
        });
        var ceilingLoad = new ExternalLoad.H2Load(16, 1);
        var ceiling = await ExternalLoad.PostHttp1Async(new Uri($"http://127.0.0.1:{port}/hooks"), "application/json", ceilingBody, ceilingLoad);
        ceiling.Print($"webhook receiver alone, plain POSTs, h2load --h1 {ceilingLoad.Label} (ceiling)");

        using var channel = Channels.For(stack, stack.DevelopmentTokens()["administrator"]);
        var client = new WebhookService.WebhookServiceClient(channel);
        await client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = $"http://127.0.0.1:{port}/hooks", EventTypes = { "external.bench.*" } });
        // Not measured: publishing and delivering served under load once (the services' code tiered up), the way
        // every other figure of the bench is measured warm.
        await Parallel.ForEachAsync(Enumerable.Range(0, WarmUpEvents), new ParallelOptions { MaxDegreeOfParallelism = publishers }, async (i, token) =>
            await client.PublishEventAsync(new PublishEventRequest
            {
                EventType = WarmUpType, Subject = $"warm-{i % subjects}", DedupKey = $"bench-warm-{i}",
                Payload = new Struct { Fields = { ["n"] = Value.ForNumber(i) } },
            }, cancellationToken: token));
        await warm.Task.WaitAsync(TimeSpan.FromMinutes(10));
        counting = true;

        var publishCpu = ProcessCpu.Snapshot(stack);
        var clock = Stopwatch.StartNew();
        var published = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = publishers }, async (i, token) =>
            await client.PublishEventAsync(new PublishEventRequest
            {
                EventType = EventType,
                Subject = $"subject-{i % subjects}",
                DedupKey = $"bench-{i}",
                Payload = new Struct { Fields = { ["n"] = Value.ForNumber(i) } },
            }, cancellationToken: token));
        published.Stop();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        clock.Stop();
        var deliveredCpu = ProcessCpu.Snapshot(stack);
        // The bench's own client publishes: its rate is the client's, not a ceiling of the stack.
        Report($"events published through the gateway by the bench's .NET client, {publishers} at once (its rate)", events, published.Elapsed);
        var deliveries = Report($"webhook deliveries, publish to last receipt ({subjects} subjects, ordered per subject)", events, clock.Elapsed);
        ProcessCpu.Print(publishCpu, deliveredCpu, events, "event published and delivered");
        ExternalLoad.PrintRatio("deliveries / receiver ceiling", deliveries / ceiling.PerSecond, "goal >= 0.3");

        // The dispatcher alone: publishing above is a durable write per event and bounds the figure before it. The same
        // deliveries queued again at once, in SQL, as a backlog after a receiver's outage would be, and timed from that
        // commit to the last receipt (the dispatcher finds them at its next poll, at most its 0.5 s interval later).
        received = 0;
        done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var notifications = Npgsql.NpgsqlDataSource.Create(stack.PostgresConnectionString("notificationsdb"));
        await using var requeue = notifications.CreateCommand("""
            UPDATE webhook_deliveries SET state = 1, attempt_count = 0, next_attempt_at = now(), lease_until = now(), delivered_at = NULL
            WHERE event_type = $1
            """);
        requeue.Parameters.AddWithValue(EventType);
        var cpuBefore = ProcessCpu.Snapshot(stack);
        var backlogClock = Stopwatch.StartNew();
        var queued = await requeue.ExecuteNonQueryAsync();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        backlogClock.Stop();
        var cpuAfter = ProcessCpu.Snapshot(stack);
        var dispatched = Report($"webhook deliveries from a backlog of {queued} queued at once (dispatcher alone, ordered per subject)", queued, backlogClock.Elapsed);
        // The same deliveries from the first receipt to the last: without the wait for the dispatcher's next poll (up to
        // 0.5 s: queued in SQL, nothing wakes it), a third of the time above at these rates.
        Report("  the same, first receipt to last (the dispatcher's own rate)", queued - 1, Stopwatch.GetElapsedTime(firstAt, lastAt));
        ProcessCpu.Print(cpuBefore, cpuAfter, queued, "delivery (the receiver is the bench's own process)");
        ExternalLoad.PrintRatio("backlog deliveries / receiver ceiling", dispatched / ceiling.PerSecond, "goal >= 0.3");
    }

    /// <summary>A figure timed by the bench itself: its rate in the rate column, then the count and the time.</summary>
    private static double Report(string what, int count, TimeSpan elapsed)
    {
        var rate = count / elapsed.TotalSeconds;
        Console.WriteLine($"{what,-90} {rate,8:0} /s  ({count} in {elapsed.TotalSeconds:0.00} s)");
        return rate;
    }
}
