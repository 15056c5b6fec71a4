using Xunit;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

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

    private static readonly Lazy<string> IntegratorKey = new(() => ApiKey("Hệ thống tích hợp thử nghiệm",
        ["directives:write", "dossiers:write", "indexes:write", "notifications:write"]));

    /// <summary>
    /// A credential for one role in one unit of the Department of Science and Technology of Quảng Trị:
    /// a bearer token for officials, an API key with every scope for the integrator.
    /// </summary>
    public static string Token(string role, string? unit = "QT.SKHCN.VP", string? agency = "QT.SKHCN") => role switch
    {
        Roles.Integrator => IntegratorKey.Value,
        // A service proves itself with its own key, never with the officials' issuer.
        Roles.Service => ServiceToken(Resources.Notifications),
        _ => Issuer.Issue($"test-{role}", $"Cán bộ {role}", [role], unit, agency, TimeSpan.FromHours(1)),
    };

    /// <summary>Each service's test key pair, made once per test run.</summary>
    private static readonly Dictionary<string, (string PrivateKey, string PublicKey)> ServiceKeys =
        Resources.ServiceDatabases.ToDictionary(s => s.Service, _ => ServiceIdentity.NewKeyPair());

    /// <summary>
    /// A token of service <paramref name="caller"/>, signed with its key, for every service at once (the
    /// services themselves sign one per callee) unless <paramref name="audiences"/> are named.
    /// </summary>
    public static string ServiceToken(string caller, params string[] audiences) => ServiceToken(caller, ServiceIdentity.Lifetime, audiences);

    public static string ServiceToken(string caller, TimeSpan lifetime, params string[] audiences) =>
        ServiceIdentity.Sign(caller, ServiceKeys[caller].PrivateKey, audiences.Length > 0 ? audiences : Resources.ServiceDatabases.Select(s => s.Service), lifetime);

    /// <summary>A token signed with a key no service trusts, claiming to be <paramref name="caller"/>.</summary>
    public static string ForeignServiceToken(string caller) =>
        ServiceIdentity.Sign(caller, ServiceIdentity.NewKeyPair().PrivateKey, Resources.ServiceDatabases.Select(s => s.Service), ServiceIdentity.Lifetime);

    /// <summary>What makes a host call other services as <paramref name="service"/>.</summary>
    public static IReadOnlyDictionary<string, string> ServiceCredentials(string service) => new Dictionary<string, string>
    {
        ["ServiceIdentity:Name"] = service,
        ["ServiceIdentity:PrivateKey"] = ServiceKeys[service].PrivateKey,
    };

    /// <summary>The identity of the service that owns <paramref name="databaseConnectionName"/> (<c>directivesdb</c> → <c>directives</c>).</summary>
    public static IReadOnlyDictionary<string, string> OwnCredentials(string databaseConnectionName) =>
        Resources.ServiceDatabases.FirstOrDefault(s => s.Database == databaseConnectionName).Service is { } service
            ? ServiceCredentials(service) : new Dictionary<string, string>();

    /// <summary>What every test host trusts: the test issuer's officials and every service's test key.</summary>
    public static IReadOnlyDictionary<string, string> TrustConfiguration()
    {
        var settings = new Dictionary<string, string>(Issuer.ServiceConfiguration());
        foreach (var (service, keys) in ServiceKeys)
        {
            settings[$"ServiceIdentity:Trust:{service}"] = keys.PublicKey;
        }
        return settings;
    }

    /// <summary>A bearer token that claims the integrator role: it must admit nothing, having no key scopes.</summary>
    public static string IntegratorBearerToken() =>
        Issuer.Issue("test-forged-integrator", "Tích hợp giả", [Roles.Integrator], null, null, TimeSpan.FromHours(1));

    /// <summary>Publishes an API key straight into the shared test cache, as the Directives registry would.</summary>
    public static string ApiKey(string name, IReadOnlyList<string> scopes, int rateLimitPerMinute = 10_000)
    {
        var (keyId, plainText, hash) = ApiKeyFormat.Generate();
        new ApiKeyDirectory(TestInfrastructure.Cache, ApiKeySeal.ForRegistryKey(ServiceKeys[Resources.Directives].PrivateKey)).PublishAsync(new ApiKeyRecord(keyId, name, hash, scopes, rateLimitPerMinute, null))
            .GetAwaiter().GetResult();
        return plainText;
    }

    /// <summary>A key whose record is written into the shared cache sealed by <paramref name="sealer"/>'s key — Directives' is the only one readers trust.</summary>
    public static string ApiKeySealedBy(string sealer, IReadOnlyList<string> scopes)
    {
        var (keyId, plainText, hash) = ApiKeyFormat.Generate();
        new ApiKeyDirectory(TestInfrastructure.Cache, ApiKeySeal.ForRegistryKey(ServiceKeys[sealer].PrivateKey))
            .PublishAsync(new ApiKeyRecord(keyId, "Khóa giả", hash, scopes, 10_000, null)).GetAwaiter().GetResult();
        return plainText;
    }

    /// <summary>A key whose record is written into the shared cache as plain JSON, as anyone who reaches the cache could.</summary>
    public static string ApiKeyWrittenUnsealed(IReadOnlyList<string> scopes)
    {
        var (keyId, plainText, hash) = ApiKeyFormat.Generate();
        TestInfrastructure.Cache.GetDatabase().StringSet($"cchc:apikeys:{keyId}",
            System.Text.Json.JsonSerializer.Serialize(new ApiKeyRecord(keyId, "Khóa giả", hash, scopes, 10_000, null)));
        return plainText;
    }

    /// <summary>Sets the header a credential travels in: an API key or a bearer token.</summary>
    public static void Present(HttpRequestHeaders headers, string credential)
    {
        if (credential.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal))
        {
            headers.Remove(ApiKeyFormat.Header);
            headers.Add(ApiKeyFormat.Header, credential);
        }
        else
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }
    }
}

public class ServiceFixture<TProgram>(string databaseConnectionName, string environment = "Testing",
    IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
    where TProgram : class
{
    private WebApplicationFactory<TProgram>? _factory;

    public string DatabaseConnectionString { get; private set; } = "";

    public WebApplicationFactory<TProgram> Factory => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    public virtual async Task InitializeAsync()
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
            foreach (var (key, value) in TestIdentity.TrustConfiguration().Concat(TestIdentity.OwnCredentials(databaseConnectionName))
                         .Concat(settings ?? new Dictionary<string, string>()))
            {
                host.UseSetting(key, value);
            }
            host.ConfigureTestServices(ConfigureServices);
        });
        _ = factory.Server;
        return factory;
    }

    /// <summary>Replaces services of every instance, e.g. its clock or where it finds another service.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// A handler that reaches this service in memory, as another service's HTTP client would reach it
    /// over the network; it presents <paramref name="token"/> when given one.
    /// </summary>
    public HttpMessageHandler CreateHandler(string? token = null) => new ResponseVersionHandler(token, Factory.Server.CreateHandler());

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
            TestIdentity.Present(client.DefaultRequestHeaders, token);
        }
        return client;
    }

    public virtual async Task DisposeAsync()
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
                TestIdentity.Present(request.Headers, token);
            }
            var response = await base.SendAsync(request, cancellationToken);
            response.Version = request.Version;
            return response;
        }
    }
}
