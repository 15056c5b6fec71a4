using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Cchc.Hosting.Local;
using Cchc.Notifications.V1;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Bench;

/// <summary>
/// Sustained webhook deliveries per second: events published through the gateway, delivered by
/// Notifications to a local receiver, counted from the first publish to the last message received.
/// The ceiling is the same receiver taking plain POSTs from one client at the same concurrency.
/// </summary>
public static class WebhookBenchmark
{
    public static async Task RunAsync(AppHostProcess stack, int events, int subjects, int publishers)
    {
        var received = 0;
        var done = new TaskCompletionSource();
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var receiver = builder.Build();
        var counting = false;
        receiver.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.GetProperty("type").GetString() == "cchc.verification")
            {
                return Results.Text(json.RootElement.GetProperty("challenge").GetString());
            }
            if (counting && Interlocked.Increment(ref received) == events)
            {
                done.TrySetResult();
            }
            return Results.NoContent();
        });
        await receiver.StartAsync();

        // Ceiling: the receiver alone.
        using (var http = new HttpClient())
        {
            var ceilingClock = Stopwatch.StartNew();
            var payload = "{\"type\":\"ceiling\",\"subject\":\"x\",\"data\":{}}";
            await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, token) =>
                (await http.PostAsync($"http://127.0.0.1:{port}/hooks", new StringContent(payload, Encoding.UTF8, "application/json"), token)).EnsureSuccessStatusCode());
            Report("webhook receiver alone (ceiling), plain POSTs", events, ceilingClock.Elapsed);
        }

        using var channel = Channels.For(stack, stack.DevelopmentTokens()["administrator"]);
        var client = new WebhookService.WebhookServiceClient(channel);
        await client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = $"http://127.0.0.1:{port}/hooks", EventTypes = { "external.bench.*" } });
        counting = true;

        var clock = Stopwatch.StartNew();
        var published = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = publishers }, async (i, token) =>
            await client.PublishEventAsync(new PublishEventRequest
            {
                EventType = "external.bench.event",
                Subject = $"subject-{i % subjects}",
                DedupKey = $"bench-{i}",
                Payload = new Struct { Fields = { ["n"] = Value.ForNumber(i) } },
            }, cancellationToken: token));
        published.Stop();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        clock.Stop();
        Report($"events published through the gateway ({publishers} concurrent gRPC clients)", events, published.Elapsed);
        Report($"webhook deliveries, publish to last receipt ({subjects} subjects, ordered per subject)", events, clock.Elapsed);
    }

    private static void Report(string what, int count, TimeSpan elapsed) =>
        Console.WriteLine($"{what,-90} {count,7} in {elapsed.TotalSeconds,7:0.00} s = {count / elapsed.TotalSeconds,9:0.0} /s");
}
