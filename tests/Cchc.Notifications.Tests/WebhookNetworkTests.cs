using System.Net;
using System.Text;
using System.Text.Json;
using Cchc.Notifications.V1;
using Cchc.Notifications.Webhooks;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cchc.Notifications.Tests;

/// <summary>With Webhooks:AllowPrivateNetworks off, as in production: no webhook reaches an internal address.</summary>
public sealed class WebhookAddressTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly WebhookService.WebhookServiceClient _client = new(fixture.CreateChannel());

    internal static WebhookSender Sender(WebhookOptions options) =>
        new(Options.Create(options), new WebhookSecrets(Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<WebhookSecrets>.Instance));

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void Only_public_unicast_addresses_are_reached(string address, bool reached) =>
        Assert.Equal(reached, WebhookNetwork.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task A_subscription_to_loopback_link_local_or_private_addresses_is_refused_before_anything_is_sent()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();

        foreach (var url in new[]
        {
            receiver.Url, $"http://localhost:{receiver.Port}/hooks", $"http://[::1]:{receiver.Port}/hooks",
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5:8080/hooks", "http://[::ffff:127.0.0.1]:6379/",
        })
        {
            await RpcAssert.InvalidFields(() => _client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = url, EventTypes = { "external.*" } }).ResponseAsync, "url");
        }
        Assert.DoesNotContain((await _client.ListSubscriptionsAsync(new ListSubscriptionsRequest { IncludeDisabled = true })).Subscriptions,
            s => s.Url.Contains(receiver.Port.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_address_is_checked_again_when_connecting_so_a_name_rebound_to_loopback_reaches_nothing()
    {
        // The sender is what every delivery goes through: its connect step refuses loopback whatever the URL said earlier.
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var subscription = new WebhookSubscription { Url = receiver.Url, Secret = WebhookSignature.NewSecret() };
        var body = JsonSerializer.Serialize(new { id = "m1", type = "external.test", subject = "s", occurred_at = DateTimeOffset.UtcNow, data = new { } });

        var refused = await Sender(new WebhookOptions()).SendAsync(subscription, "m1", body, CancellationToken.None);
        var allowed = await Sender(new WebhookOptions { AllowPrivateNetworks = true }).SendAsync(subscription, "m2", body, CancellationToken.None);

        Assert.Equal((false, 0), (refused.Succeeded, refused.HttpStatus));
        Assert.True(allowed.Succeeded);
        Assert.Equal(["m2"], receiver.Received.Select(r => r.Id));
    }
}

/// <summary>What an endpoint answers is read only up to a cap and never echoed to the caller.</summary>
public sealed class WebhookAnswerTests(PatientWebhookFixture fixture) : IClassFixture<PatientWebhookFixture>, IAsyncLifetime
{
    private const string Secret = "internal-secret-4f1c";
    private readonly int _port = Cchc.Hosting.Local.Ports.Free();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
        _app = builder.Build();
        // An internal service's error page, with what it should never have shown.
        _app.MapPost("/error", () => Results.Text($"<h1>500</h1><pre>{Secret} db=postgres://admin:pw@10.0.0.7</pre>", statusCode: 500));
        // The challenge, then an answer that never ends.
        _app.MapPost("/endless", async (HttpContext context) =>
        {
            var challenge = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.GetProperty("challenge").GetString();
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(challenge!);
            var filler = Encoding.ASCII.GetBytes(new string('x', 8192));
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(filler, context.RequestAborted);
            }
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failed_verification_says_how_it_failed_but_not_what_the_endpoint_answered()
    {
        var client = new WebhookService.WebhookServiceClient(fixture.CreateChannel());

        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => client.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Url = $"http://127.0.0.1:{_port}/error", EventTypes = { "external.*" },
        }).ResponseAsync);

        Assert.Contains("HTTP 500", status.Message);
        Assert.DoesNotContain(Secret, status.ToString());
        Assert.DoesNotContain("10.0.0.7", status.ToString());
    }

    [Fact]
    public async Task An_endless_answer_is_read_only_up_to_the_cap_and_does_not_hold_the_sender()
    {
        var sender = WebhookAddressTests.Sender(new WebhookOptions { AllowPrivateNetworks = true, RequestTimeout = TimeSpan.FromSeconds(20) });
        var subscription = new WebhookSubscription { Url = $"http://127.0.0.1:{_port}/endless", Secret = WebhookSignature.NewSecret() };
        var started = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await sender.SendAsync(subscription, "verify-1", """{"type":"cchc.verification","challenge":"C0FFEE"}""", CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.StartsWith("C0FFEE", outcome.Answer);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }
}

/// <summary>A copy of the database alone holds no usable signing secret when a key is configured.</summary>
public sealed class WebhookSecretAtRestTests(SealedSecretWebhookFixture fixture) : IClassFixture<SealedSecretWebhookFixture>
{
    [Fact]
    public async Task The_signing_secret_is_stored_sealed_and_deliveries_are_still_signed_with_it()
    {
        var client = new WebhookService.WebhookServiceClient(fixture.CreateChannel());
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var created = await client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = receiver.Url, EventTypes = { "external.sealed.*" } });
        receiver.Secret = created.Secret;

        await client.PublishEventAsync(new PublishEventRequest { EventType = "external.sealed.test", Subject = "s-1", DedupKey = Guid.NewGuid().ToString() });
        await receiver.WaitUntilAsync(r => r.Count == 1, TimeSpan.FromSeconds(30));
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Cchc.Notifications.Data.NotificationsDbContext>();
        var stored = await db.Subscriptions.AsNoTracking().Where(s => s.Id == Guid.Parse(created.Subscription.SubscriptionId)).Select(s => s.Secret).SingleAsync();

        Assert.True(receiver.Received.Single().SignatureValid);
        Assert.StartsWith(WebhookSecrets.SealedPrefix, stored);
        Assert.DoesNotContain(created.Secret[WebhookSignature.SecretPrefix.Length..], stored);
    }
}
