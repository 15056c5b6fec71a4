using Microsoft.Extensions.Configuration;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Http;
using Cchc.ServiceDefaults.Security;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cross-cutting defaults every Cchc service shares, the way Aspire's ServiceDefaults project does:
/// telemetry, health, service discovery, resilient outgoing calls and gRPC conventions.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddGrpcDefaults();
        builder.AddCchcSecurity();

        // One body limit for the gateway and every service, so a body the gateway lets through no service refuses.
        var maxBody = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? Cchc.ServiceDefaults.Http.ProblemDetailsForRest.DefaultMaxRequestBodyBytes;
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);

        // Memory a busy spell left committed goes back to the host once the process is quiet.
        builder.Services.Configure<Cchc.ServiceDefaults.Hosting.IdleMemoryTrimOptions>(builder.Configuration.GetSection(Cchc.ServiceDefaults.Hosting.IdleMemoryTrimOptions.Section));
        builder.Services.AddHostedService<Cchc.ServiceDefaults.Hosting.IdleMemoryTrim>();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(o =>
                    // Health probes every second would drown real traces.
                    o.Filter = context => !context.Request.Path.StartsWithSegments(HealthPath)
                                          && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        // Exporters only when an endpoint is configured, as in Aspire.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// The request pipeline every Cchc service shares, in order: gRPC-Web, the correlation id, REST
    /// errors as problem details, authentication, authorization and API-key scopes.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // Browsers speak gRPC-Web; every gRPC service answers it as well as gRPC.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.UseCorrelationId();
        app.UseProblemDetailsForRest();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseApiKeyScopes();
        return app;
    }

    /// <summary>
    /// <c>/alive</c>: the process answers. <c>/health</c>: ready, i.e. every dependency check
    /// (database, cache, migrations) passes. Both are mapped in every environment because the
    /// orchestrator waits on them; they reveal nothing beyond healthy/unhealthy. Also grpc.health.v1
    /// and server reflection. Endpoints only: the middleware is <see cref="UseServiceDefaults"/>.
    /// </summary>
    /// <param name="reflection">False where the host serves reflection of its own (the gateway describes the services it fronts).</param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool reflection = true)
    {
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        if (reflection)
        {
            // Reflection describes the public contracts only; clients need it before they hold a token.
            app.MapGrpcReflectionService().AllowAnonymous();
        }
        return app;
    }
}
