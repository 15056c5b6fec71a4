using Cchc.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cchc.Gateway.Routing;

/// <summary>
/// One API in front of the four services, routed as <c>ReverseProxy</c> in <c>appsettings.json</c>
/// says: gRPC calls by their proto package (<c>/cchc.dossiers.v1.*</c>) to the service's cleartext
/// HTTP/2 endpoint, REST calls by their first path segment (<c>/dossiers/…</c>) to its HTTP/1.1
/// endpoint. Destinations are service-discovery names (<c>http://_grpc.dossiers</c>) resolved from
/// what the AppHost sets (<c>services__dossiers__grpc__0</c>).
/// </summary>
public static class ServiceRoutes
{
    public static readonly string[] Services = [Resources.Directives, Resources.Dossiers, Resources.Indexes, Resources.Notifications];

    public static void AddServiceRoutes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        var missing = Services
            .SelectMany(service => new[] { Resources.GrpcEndpoint, Resources.HttpEndpoint }.Select(endpoint => $"services:{service}:{endpoint}:0"))
            .Where(key => string.IsNullOrEmpty(builder.Configuration[key]))
            .ToList();
        builder.Services.AddHealthChecks().AddCheck("destinations", () => missing.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"No address configured for: {string.Join(", ", missing)}"));
    }
}
