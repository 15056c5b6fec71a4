using Xunit;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cchc.Testing;

/// <summary>
/// Hosts one service in-process (the real Program, migrations and seeders included) against its
/// own fresh PostgreSQL database and the shared test cache, and hands out gRPC and REST clients.
/// </summary>
/// <summary>The test token issuer every fixture's service trusts, and tokens for typical callers.</summary>
public static class TestIdentity
{
    public static TokenIssuer Issuer { get; } = new("cchc-test", TokenIssuer.DefaultAudience, RandomNumberGenerator.GetBytes(32));

    public static string Administrator { get; } = Token(Roles.Administrator, null, null);

    /// <summary>A token for one role in one unit of the Department of Science and Technology of Quảng Trị.</summary>
    public static string Token(string role, string? unit = "QT.SKHCN.VP", string? agency = "QT.SKHCN") =>
        Issuer.Issue($"test-{role}", $"Cán bộ {role}", [role], unit, agency, TimeSpan.FromHours(1));
}

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
            foreach (var (key, value) in TestIdentity.Issuer.ServiceConfiguration())
            {
                host.UseSetting(key, value);
            }
        });
        _ = factory.Server;
        return factory;
    }

    /// <summary>A channel for an administrator, who may call everything.</summary>
    public GrpcChannel CreateChannel() => CreateChannel(Factory, TestIdentity.Administrator);

    /// <summary>A channel that presents <paramref name="token"/>; null calls anonymously.</summary>
    public GrpcChannel CreateChannel(string? token) => CreateChannel(Factory, token);

    public static GrpcChannel CreateChannel(WebApplicationFactory<TProgram> factory, string? token = null) =>
        GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new ResponseVersionHandler(token, factory.Server.CreateHandler()),
        });

    /// <summary>A REST client for an administrator.</summary>
    public HttpClient CreateRestClient() => CreateRestClient(TestIdentity.Administrator);

    public HttpClient CreateRestClient(string? token)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Presents the caller's token; and since the in-memory test server answers as HTTP/1.1 while gRPC clients insist on HTTP/2, restores the version.</summary>
    private sealed class ResponseVersionHandler(string? token, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            var response = await base.SendAsync(request, cancellationToken);
            response.Version = request.Version;
            return response;
        }
    }
}
