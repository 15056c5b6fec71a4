using Microsoft.AspNetCore.HttpOverrides;

namespace Cchc.Gateway.Routing;

/// <summary>What the edge of the platform needs besides routing: CORS for the portal and forwarded headers.</summary>
public static class EdgeDefaults
{
    public const string PortalCorsPolicy = "portal";

    public static void AddEdgeDefaults(this IHostApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddPolicy(PortalCorsPolicy, policy => policy
            .WithOrigins(origins)
            .AllowAnyMethod()
            .WithHeaders("authorization", "content-type", "x-api-key", "x-correlation-id", "x-grpc-web", "x-user-agent", "grpc-timeout")
            .WithExposedHeaders("x-correlation-id", "grpc-status", "grpc-message", "grpc-status-details-bin", "retry-after")));

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only proxies named in configuration are believed; by default none beyond loopback.
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        // The body limit (Limits:MaxRequestBodyBytes) is the ServiceDefaults', the same in every service.
    }
}
