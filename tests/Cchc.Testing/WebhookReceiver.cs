using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cchc.Testing;

/// <summary>One message as the receiver got it, with whether its signature checked out.</summary>
public sealed record ReceivedWebhook(string Id, string Type, string Subject, JsonElement Data, bool SignatureValid, DateTimeOffset ReceivedAt,
    DateTimeOffset? OccurredAt = null);

/// <summary>
/// A real HTTP endpoint on a loopback port, as an integrator would run: answers Cchc's verification
/// challenge, checks the Standard Webhooks signature with the subscription's secret, records every
/// message. It can be taken down and brought back on the same port, or made to fail.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;

    public WebhookReceiver() => Port = Cchc.Hosting.Local.Ports.Free();

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hooks";
    public string? Secret { get; set; }
    /// <summary>While set, messages are answered with this status (verification still works).</summary>
    public HttpStatusCode? FailWith { get; set; }
    /// <summary>While false, the verification challenge is not echoed.</summary>
    public bool EchoChallenge { get; set; } = true;
    /// <summary>How long each message takes to answer, like a slow integrator.</summary>
    public TimeSpan Delay { get; set; }
    /// <summary>Answers a message's payload (<c>data</c>) with this status instead of taking it, when it gives one.</summary>
    public Func<JsonElement, HttpStatusCode?>? Refuse { get; set; }
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        // The test's output folder holds services' appsettings.json with Kestrel endpoints; none of it applies here.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var json = JsonDocument.Parse(body).RootElement;
            if (json.GetProperty("type").GetString() == "cchc.verification")
            {
                return EchoChallenge ? Results.Text(json.GetProperty("challenge").GetString()) : Results.Ok();
            }
            if (FailWith is { } failure)
            {
                return Results.StatusCode((int)failure);
            }
            if (Refuse?.Invoke(json.GetProperty("data")) is { } refusal)
            {
                return Results.StatusCode((int)refusal);
            }
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }
            var id = context.Request.Headers["webhook-id"].ToString();
            var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
            var signature = context.Request.Headers["webhook-signature"].ToString();
            _received.Enqueue(new ReceivedWebhook(id, json.GetProperty("type").GetString()!, json.GetProperty("subject").GetString()!,
                json.GetProperty("data").Clone(), Verify(id, timestamp, body, signature), DateTimeOffset.UtcNow,
                json.TryGetProperty("occurred_at", out var occurred) ? DateTimeOffset.Parse(occurred.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null));
            return Results.NoContent();
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what was received, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Received))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver got {Received.Count} message(s) and the condition still does not hold after {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(50);
        }
    }

    private bool Verify(string id, string timestamp, string body, string signature)
    {
        if (Secret is null || !Secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return false;
        }
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Secret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
