using Cchc.ServiceDefaults;
using Cchc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cchc.Gateway.Tests;

/// <summary>
/// The gateway in-process with small limits, checking keys against the shared test cache; every
/// back-end points at a closed port, so an admitted call comes back 502 and a limited one 429.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const int OfficialPerMinute = 5;
    public const int AnonymousPerMinute = 5;

    /// <summary>The per-caller limits this gateway runs with (small, to watch them bite).</summary>
    protected virtual int Limit => OfficialPerMinute;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        TestInfrastructure.EnsureCache();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting($"ConnectionStrings:{Resources.Cache}", TestInfrastructure.CacheConnectionString);
            foreach (var (service, _) in Resources.ServiceDatabases)
            {
                host.UseSetting($"services:{service}:http:0", "http://127.0.0.1:1");
                host.UseSetting($"services:{service}:grpc:0", "http://127.0.0.1:1");
            }
            host.UseSetting("RateLimits:OfficialPerMinute", Limit.ToString());
            host.UseSetting("RateLimits:AnonymousPerMinute", Limit.ToString());
            host.UseSetting("Cors:AllowedOrigins:0", "https://dichvucong.quangtri.gov.vn");
            foreach (var (key, value) in TestIdentity.TrustConfiguration())
            {
                host.UseSetting(key, value);
            }
        });
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public HttpClient Client(string? credential = null)
    {
        var client = Factory.CreateClient();
        if (credential is not null)
        {
            TestIdentity.Present(client.DefaultRequestHeaders, credential);
        }
        return client;
    }

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();
}

/// <summary>The same gateway with limits no test reaches, for tests about something else.</summary>
public sealed class RoomyGatewayFixture : GatewayFixture
{
    protected override int Limit => 10_000;
}
