using Cchc.AppHost.Hosting;
using Cchc.ServiceDefaults;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cchc.Testing;

/// <summary>
/// One service on real loopback ports (Kestrel, its own fresh database, the shared test cache), for
/// another service under test to reach over the network as it would in the stack — e.g. Dossiers
/// for Notifications to read its change feed and its applicants' contacts.
/// </summary>
public sealed class NetworkService<TProgram> : IAsyncDisposable where TProgram : class
{
    private readonly WebApplicationFactory<TProgram> _factory;

    private NetworkService(WebApplicationFactory<TProgram> factory, int httpPort, int grpcPort)
    {
        _factory = factory;
        HttpAddress = $"http://127.0.0.1:{httpPort}";
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
    }

    public string HttpAddress { get; }
    public string GrpcAddress { get; }

    public static async Task<NetworkService<TProgram>> StartAsync(string databaseConnectionName, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestInfrastructure.CreateDatabaseAsync(databaseConnectionName);
        TestInfrastructure.EnsureCache();
        var (httpPort, grpcPort) = (Ports.Free(), Ports.Free());
        var factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting($"ConnectionStrings:{databaseConnectionName}", database);
            host.UseSetting($"ConnectionStrings:{Resources.Cache}", TestInfrastructure.CacheConnectionString);
            host.UseSetting($"Kestrel:Endpoints:{Resources.HttpEndpoint}:Url", $"http://127.0.0.1:{httpPort}");
            host.UseSetting($"Kestrel:Endpoints:{Resources.GrpcEndpoint}:Url", $"http://127.0.0.1:{grpcPort}");
            foreach (var (key, value) in TestIdentity.Issuer.ServiceConfiguration().Concat(settings ?? new Dictionary<string, string>()))
            {
                host.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        return new NetworkService<TProgram>(factory, httpPort, grpcPort);
    }

    /// <summary>What another service's configuration needs to find this one, as the AppHost would set it.</summary>
    public IEnumerable<KeyValuePair<string, string>> DiscoverySettings(string serviceName) =>
    [
        new($"services:{serviceName}:{Resources.HttpEndpoint}:0", HttpAddress),
        new($"services:{serviceName}:{Resources.GrpcEndpoint}:0", GrpcAddress),
    ];

    /// <summary>A gRPC channel over the network that presents <paramref name="token"/>.</summary>
    public GrpcChannel CreateChannel(string token) => GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
    {
        HttpHandler = new TokenHandler(token, new SocketsHttpHandler()),
    });

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private sealed class TokenHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            TestIdentity.Present(request.Headers, token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
