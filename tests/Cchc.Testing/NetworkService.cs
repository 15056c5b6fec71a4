using Cchc.Hosting.Local;
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
    private readonly string _databaseConnectionName;
    private readonly string _database;
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private readonly int _httpPort;
    private readonly int _grpcPort;
    private WebApplicationFactory<TProgram> _factory;

    private NetworkService(string databaseConnectionName, string database, IReadOnlyDictionary<string, string>? settings, int httpPort, int grpcPort)
    {
        (_databaseConnectionName, _database, _settings, _httpPort, _grpcPort) = (databaseConnectionName, database, settings, httpPort, grpcPort);
        HttpAddress = $"http://127.0.0.1:{httpPort}";
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        _factory = Start();
    }

    public string HttpAddress { get; }
    public string GrpcAddress { get; }

    public static async Task<NetworkService<TProgram>> StartAsync(string databaseConnectionName, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestInfrastructure.CreateDatabaseAsync(databaseConnectionName);
        TestInfrastructure.EnsureCache();
        return new NetworkService<TProgram>(databaseConnectionName, database, settings, Ports.Free(), Ports.Free());
    }

    /// <summary>Stops the service and starts it again on the same database and ports: a restart, for its clients.</summary>
    public async Task RestartAsync()
    {
        await _factory.DisposeAsync();
        _factory = Start();
    }

    /// <summary>The running instance's services, e.g. to run a background job's pass.</summary>
    public IServiceProvider Services => _factory.Services;

    private WebApplicationFactory<TProgram> Start()
    {
        var factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting($"ConnectionStrings:{_databaseConnectionName}", _database);
            host.UseSetting($"ConnectionStrings:{Resources.Cache}", TestInfrastructure.CacheConnectionString);
            host.UseSetting($"Kestrel:Endpoints:{Resources.HttpEndpoint}:Url", $"http://127.0.0.1:{_httpPort}");
            host.UseSetting($"Kestrel:Endpoints:{Resources.GrpcEndpoint}:Url", $"http://127.0.0.1:{_grpcPort}");
            foreach (var (key, value) in TestIdentity.TrustConfiguration().Concat(TestIdentity.OwnCredentials(_databaseConnectionName))
                         .Concat(_settings ?? new Dictionary<string, string>()))
            {
                host.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        return factory;
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
