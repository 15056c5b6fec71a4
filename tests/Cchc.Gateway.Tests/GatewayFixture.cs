using Cchc.ServiceDefaults;
using Cchc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cchc.Gateway.Tests;

/// <summary>
/// The gateway in-process with small limits, checking keys against the shared test cache; every
/// back-end points at a closed port, so an admitted call comes back 502 and a limited one 429.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const int OfficialPerMinute = 5;
    public const int AnonymousPerMinute = 5;

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
            host.UseSetting("RateLimits:OfficialPerMinute", OfficialPerMinute.ToString());
            host.UseSetting("RateLimits:AnonymousPerMinute", AnonymousPerMinute.ToString());
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
