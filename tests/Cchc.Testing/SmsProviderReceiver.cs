using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cchc.Testing;

/// <summary>One SMS as the provider got it.</summary>
public sealed record ReceivedSms(string To, string Text, string Sender, string Reference, string Authorization);

/// <summary>
/// A real HTTP endpoint playing an SMS gateway on a loopback port: takes
/// <c>{"to","text","sender","reference"}</c>, answers with a provider id, can be made to fail.
/// </summary>
public sealed class SmsProviderReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSms> _received = new();
    private WebApplication? _app;

    public int Port { get; } = Cchc.Hosting.Local.Ports.Free();
    public string ApiKey { get; } = "sms-test-key";
    public string ConnectionString => $"Endpoint=http://127.0.0.1:{Port}/sms/send;ApiKey={ApiKey};Sender=SOKHCN-QT";
    /// <summary>While set, messages are refused with this status.</summary>
    public HttpStatusCode? FailWith { get; set; }
    public IReadOnlyList<ReceivedSms> Received => [.. _received];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.MapPost("/sms/send", async (HttpContext context) =>
        {
            if (FailWith is { } failure)
            {
                return Results.Text("{\"error\":\"provider unavailable\"}", "application/json", statusCode: (int)failure);
            }
            var json = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement;
            var reference = json.GetProperty("reference").GetString()!;
            _received.Enqueue(new ReceivedSms(json.GetProperty("to").GetString()!, json.GetProperty("text").GetString()!,
                json.GetProperty("sender").GetString()!, reference, context.Request.Headers.Authorization.ToString()));
            return Results.Json(new { id = $"sms-{_received.Count}", status = "queued" });
        });
        await _app.StartAsync();
    }

    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedSms>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Received))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMS provider got {Received.Count} message(s) and the condition still does not hold after {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
