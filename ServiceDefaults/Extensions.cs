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

    /// <summary>
    /// Instruments updated on every request or database command whose story the kept ones already tell: the
    /// request, outgoing-call and command durations (rate, errors, latency) stay, and so do the rate limiter's
    /// count of requests by result (admitted or refused), the authorization's attempts and the connection pools.
    /// </summary>
    public static readonly IReadOnlyList<string> DroppedInstruments =
    [
        "http.server.active_requests",
        // Kestrel's multiplexed requests waiting for a stream to start: up and down on every HTTP/2 request.
        "kestrel.queued_requests",
        "http.client.active_requests",
        "http.client.request.time_in_queue",
        "aspnetcore.rate_limiting.active_request_leases",
        "aspnetcore.rate_limiting.request_lease.duration",
        "aspnetcore.rate_limiting.queued_requests",
        "aspnetcore.rate_limiting.request.time_in_queue",
        // Npgsql's, per command: its duration and failures stay, and the pool's connections.
        "db.client.commands.executing",
        "db.client.commands.bytes_written",
        "db.client.commands.bytes_read",
    ];

    /// <summary>
    /// Tag combinations kept apart per instrument; more are counted together under <c>otel.metric.overflow</c>.
    /// OpenTelemetry's default, 2 000, sets aside 2 000 points (144 kB) for every instrument from the start, ~8 MB of
    /// a service's 33 MB heap. The busiest instrument here, a request's duration by route, method and status, has a
    /// few hundred at most (Dossiers' RPCs, gRPC and REST, by their answers' statuses).
    /// </summary>
    public const int MetricCardinalityLimit = 500;

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's meters that say how the service is doing, not every meter the framework has: the
                // instrumentation's default set also records the routing's match attempts, the memory pool's every
                // rent and the authentication's duration on each request. Without them and the instruments dropped
                // below, the gateway's CPU per forwarded GetProcedure went from ~233 to ~198 µs and Dossiers' from
                // ~154 to ~118 µs (docs/benchmarks.md). Kestrel's are per connection.
                metrics.AddMeter(
                    "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Diagnostics",
                    "Microsoft.AspNetCore.RateLimiting",
                    "Microsoft.AspNetCore.Authorization");
                metrics.AddHttpClientInstrumentation();
                metrics.AddRuntimeInstrumentation();
                // One view for every instrument (two views matching one instrument would make two streams).
                metrics.AddView(instrument => DroppedInstruments.Contains(instrument.Name)
                    ? MetricStreamConfiguration.Drop
                    : new MetricStreamConfiguration { CardinalityLimit = MetricCardinalityLimit });
            })
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
