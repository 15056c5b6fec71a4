using Xunit;
using Cchc.ServiceDefaults;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cchc.Testing;

/// <summary>
/// Hosts one service in-process (the real Program, migrations and seeders included) against its
/// own fresh PostgreSQL database and the shared test cache, and hands out gRPC and REST clients.
/// </summary>
public class ServiceFixture<TProgram>(string databaseConnectionName, string environment = "Testing") : IAsyncLifetime
    where TProgram : class
{
    private WebApplicationFactory<TProgram>? _factory;

    public string DatabaseConnectionString { get; private set; } = "";

    public WebApplicationFactory<TProgram> Factory => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        DatabaseConnectionString = await TestInfrastructure.CreateDatabaseAsync(databaseConnectionName);
        TestInfrastructure.EnsureCache();
        _factory = StartInstance();
    }

    /// <summary>
    /// Starts another instance of the service on the same database — a restart, as far as the
    /// database can tell. Starting runs the migrations and seeders before the first call.
    /// </summary>
    public WebApplicationFactory<TProgram> StartInstance()
    {
        var factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(environment);
            host.UseSetting($"ConnectionStrings:{databaseConnectionName}", DatabaseConnectionString);
            host.UseSetting($"ConnectionStrings:{Resources.Cache}", TestInfrastructure.CacheConnectionString);
        });
        _ = factory.Server;
        return factory;
    }

    public GrpcChannel CreateChannel() => CreateChannel(Factory);

    public static GrpcChannel CreateChannel(WebApplicationFactory<TProgram> factory) => GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = new ResponseVersionHandler(factory.Server.CreateHandler()),
    });

    public HttpClient CreateRestClient() => Factory.CreateClient();

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>The in-memory test server answers as HTTP/1.1; gRPC clients insist on HTTP/2.</summary>
    private sealed class ResponseVersionHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            response.Version = request.Version;
            return response;
        }
    }
}
