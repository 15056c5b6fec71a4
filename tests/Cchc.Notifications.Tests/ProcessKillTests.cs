using System.Diagnostics;
using Cchc.Hosting.Local;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.Notifications.Tests;

/// <summary>
/// Notifications as its own process, killed with SIGKILL in the middle of a burst and started again
/// on the same database: the receiver, counting, gets every event once, in order per subject. (A
/// send cut off by the kill is sent again with the same <c>webhook-id</c>, which a receiver drops.)
/// </summary>
public sealed class ProcessKillTests : IAsyncLifetime
{
    private const int Subjects = 8;
    private const int PerSubject = 40;
    private readonly WebhookReceiver _receiver = new() { Delay = TimeSpan.FromMilliseconds(15) };
    private readonly int _grpcPort = Ports.Free();
    private readonly int _httpPort = Ports.Free();
    private string _database = "";
    private Process? _process;

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _database = await TestInfrastructure.CreateDatabaseAsync(Resources.NotificationsDb);
        TestInfrastructure.EnsureCache();
    }

    public async Task DisposeAsync()
    {
        Kill();
        await _receiver.DisposeAsync();
    }

    private async Task StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Cchc.Notifications.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(dll);
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            [$"ConnectionStrings__{Resources.NotificationsDb}"] = _database,
            [$"ConnectionStrings__{Resources.Cache}"] = TestInfrastructure.CacheConnectionString,
            [$"Kestrel__Endpoints__{Resources.HttpEndpoint}__Url"] = $"http://127.0.0.1:{_httpPort}",
            [$"Kestrel__Endpoints__{Resources.GrpcEndpoint}__Url"] = $"http://127.0.0.1:{_grpcPort}",
            ["Webhooks__BaseDelay"] = "00:00:00.050",
            ["Webhooks__MaxDelay"] = "00:00:00.300",
            ["Webhooks__MaxAttempts"] = "1000",
            ["Webhooks__PollInterval"] = "00:00:00.050",
            ["Webhooks__AllowPrivateNetworks"] = "true",
            // Longer than the test may wait: a claim held by the killed process is taken over because its owner is gone, not because the lease ended.
            ["Webhooks__Lease"] = "00:05:00",
            ["Messages__DigestEnabled"] = "false",
        };
        foreach (var (key, value) in TestIdentity.TrustConfiguration())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_process.HasExited, $"Notifications exited at start with code {(_process.HasExited ? _process.ExitCode : 0)}.");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{_httpPort}/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "Notifications did not become healthy within 60 s.");
            await Task.Delay(200);
        }
    }

    private void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            PosixProcess.Signal(process.Id, 9);
            process.WaitForExit(10_000);
        }
        _process = null;
    }

    private WebhookService.WebhookServiceClient Client() => new(GrpcChannel.ForAddress($"http://127.0.0.1:{_grpcPort}", new GrpcChannelOptions
    {
        HttpHandler = new AuthorizingHandler(TestIdentity.Administrator),
    }));

    [Fact]
    public async Task Killing_Notifications_mid_burst_loses_and_duplicates_no_event_and_keeps_each_subjects_order()
    {
        await StartAsync();
        var subscription = await Client().CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = _receiver.Url, EventTypes = { "external.burst.*" } });
        _receiver.Secret = subscription.Secret;

        var events = Enumerable.Range(0, PerSubject).SelectMany(n => Enumerable.Range(0, Subjects).Select(s => (Subject: $"S-{s}", N: n))).ToList();
        var killAt = events.Count / 3;
        var published = 0;
        foreach (var (subject, n) in events)
        {
            if (published == killAt)
            {
                // Deliveries are in flight now (the receiver takes 15 ms each): a crash, not a stop.
                Kill();
                await StartAsync();
            }
            var request = new PublishEventRequest
            {
                EventType = "external.burst.happened",
                Subject = subject,
                DedupKey = $"{subject}:{n}",
                Payload = new Struct { Fields = { ["n"] = Value.ForNumber(n) } },
            };
            // A publish whose answer was lost is retried with the same key, as a producer would.
            while (true)
            {
                try
                {
                    await Client().PublishEventAsync(request);
                    break;
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal)
                {
                    await Task.Delay(100);
                }
            }
            published++;
        }

        await _receiver.WaitUntilAsync(r => r.Select(x => x.Id).Distinct().Count() >= events.Count, TimeSpan.FromSeconds(120));
        await Task.Delay(500);
        var received = _receiver.Received;
        var firstOfEachId = received.GroupBy(r => r.Id).Select(g => g.First()).ToList();
        Assert.All(received, r => Assert.True(r.SignatureValid));
        // Every event arrived under exactly one message id: nothing lost, nothing notified twice.
        Assert.Equal(events.Count, firstOfEachId.Count);
        Assert.Equal(events.Count, firstOfEachId.Select(r => (r.Subject, N: r.Data.GetProperty("n").GetInt32())).Distinct().Count());
        // In order per subject.
        foreach (var group in firstOfEachId.GroupBy(r => r.Subject))
        {
            Assert.Equal(Enumerable.Range(0, PerSubject), group.Select(r => r.Data.GetProperty("n").GetInt32()));
        }
        // What a receiver sees twice is a send cut off by the kill, under its unchanged id; never more than the claims in flight.
        var repeats = received.Count - firstOfEachId.Count;
        Assert.True(repeats <= 128, $"{repeats} repeats");
        // Every send the kill cut off is in the delivery log as an interrupted attempt.
        var interrupted = 0;
        var page = "";
        do
        {
            var log = await Client().ListDeliveriesAsync(new ListDeliveriesRequest { SubscriptionId = subscription.Subscription.SubscriptionId, PageSize = 500, PageToken = page });
            interrupted += log.Deliveries.SelectMany(d => d.Attempts).Count(a => a.HttpStatus == 0 && a.Answer.StartsWith("Interrupted", StringComparison.Ordinal));
            page = log.NextPageToken;
        }
        while (page.Length > 0);
        Assert.True(interrupted >= repeats, $"{repeats} sends were repeated but only {interrupted} interrupted attempts are in the log");
    }

    private sealed class AuthorizingHandler(string token) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            TestIdentity.Present(request.Headers, token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
