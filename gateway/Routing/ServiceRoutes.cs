using System.Net;
using Cchc.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Cchc.Gateway.Routing;

/// <summary>
/// One API in front of the four services. gRPC calls are routed by their proto package
/// (<c>/cchc.dossiers.v1.*</c>) to the service's cleartext HTTP/2 endpoint; REST calls by their
/// first path segment (<c>/dossiers/…</c>) to its HTTP/1.1 endpoint. Destinations come from the
/// Aspire service-discovery variables <c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c> set by the AppHost.
/// </summary>
public static class ServiceRoutes
{
    public static readonly string[] Services = [Resources.Directives, Resources.Dossiers, Resources.Indexes, Resources.Notifications];

    public static void AddServiceRoutes(this IHostApplicationBuilder builder)
    {
        var (routes, clusters, missing) = Build(builder.Configuration);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddHealthChecks().AddCheck("destinations", () => missing.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"No address configured for: {string.Join(", ", missing)}"),
            [ServiceDefaultsExtensions.ReadyTag]);
    }

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters, IReadOnlyList<string> Missing) Build(IConfiguration configuration)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        var missing = new List<string>();
        var restTimeout = TimeSpan.FromSeconds(configuration.GetValue<int?>("Limits:RestTimeoutSeconds") ?? 60);
        foreach (var service in Services)
        {
            var grpc = configuration[$"services:{service}:{Resources.GrpcEndpoint}:0"];
            var http = configuration[$"services:{service}:{Resources.HttpEndpoint}:0"];
            if (string.IsNullOrEmpty(grpc))
            {
                missing.Add($"services:{service}:{Resources.GrpcEndpoint}:0");
            }
            else
            {
                // gRPC calls carry their own deadlines; streams (change feeds, inbox) stay open while used.
                clusters.Add(Cluster($"{service}-grpc", grpc, HttpVersion.Version20, TimeSpan.FromMinutes(10)));
                routes.Add(new RouteConfig
                {
                    RouteId = $"{service}-grpc",
                    ClusterId = $"{service}-grpc",
                    Match = new RouteMatch { Path = $"/cchc.{service}.v1.{{grpcService}}/{{method}}" },
                });
            }
            if (string.IsNullOrEmpty(http))
            {
                missing.Add($"services:{service}:{Resources.HttpEndpoint}:0");
            }
            else
            {
                clusters.Add(Cluster($"{service}-http", http, HttpVersion.Version11, restTimeout));
                routes.Add(new RouteConfig
                {
                    RouteId = $"{service}-rest",
                    ClusterId = $"{service}-http",
                    Match = new RouteMatch { Path = $"/{service}/{{**rest}}" },
                });
            }
        }
        return (routes, clusters, missing);
    }

    private static ClusterConfig Cluster(string id, string address, Version version, TimeSpan timeout) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address } },
        HttpRequest = new ForwarderRequestConfig
        {
            Version = version,
            // The services speak cleartext HTTP/2 with prior knowledge; no downgrade, no upgrade.
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            // No answer within this time ends the call with 504.
            ActivityTimeout = timeout,
        },
    };
}
