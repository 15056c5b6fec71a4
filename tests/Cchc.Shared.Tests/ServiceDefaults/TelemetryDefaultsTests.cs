using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Cchc.Shared.Tests;

/// <summary>The metrics every service and the gateway record (<c>ServiceDefaults/Extensions.cs</c>, <c>ConfigureOpenTelemetry</c>).</summary>
public sealed class TelemetryDefaultsTests
{
    [Fact]
    public async Task A_request_is_measured_by_its_duration_in_and_out_but_not_by_the_per_request_instruments_left_out()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // HTTP/1.1 and HTTP/2 (h2c, as the gateway and the services speak gRPC): some instruments are HTTP/2's only.
        var listeners = new Dictionary<Version, ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => (listeners[HttpVersion.Version11] = listen).Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, listen => (listeners[HttpVersion.Version20] = listen).Protocols = HttpProtocols.Http2);
        });
        builder.ConfigureOpenTelemetry();
        var points = new ConcurrentDictionary<string, List<MetricPoint>>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics =>
            metrics.AddReader(new BaseExportingMetricReader(new MetricPoints(points))));
        // A limiter that admits everyone, so that every request takes a lease.
        builder.Services.AddRateLimiter(limits => limits.GlobalLimiter =
            PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetNoLimiter("everyone")));
        await using var app = builder.Build();
        app.UseRouting();
        app.UseRateLimiter();
        app.MapGet("/ping", () => "pong");
        await app.StartAsync();
        try
        {
            foreach (var (version, listen) in listeners)
            {
                using var http = new HttpClient
                {
                    BaseAddress = new Uri($"http://127.0.0.1:{listen.IPEndPoint!.Port}"),
                    DefaultRequestVersion = version,
                    DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                for (var i = 0; i < 3; i++)
                {
                    using var response = await http.GetAsync("/ping");
                    Assert.Equal(version, response.Version);
                    Assert.Equal("pong", await response.Content.ReadAsStringAsync());
                }
            }
            Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());
            // The metrics exported with at least one point.
            var recorded = points.Where(p => p.Value.Count > 0).ToDictionary();

            // What tells how a service is doing stays: requests served and calls made, with their duration and
            // outcome, and the connections.
            Assert.Contains("http.server.request.duration", recorded.Keys);
            Assert.Contains("http.client.request.duration", recorded.Keys);
            Assert.Contains("kestrel.active_connections", recorded.Keys);
            Assert.Contains("aspnetcore.rate_limiting.requests", recorded.Keys);
            // Instruments updated on every request (or every buffer) that the kept ones already tell.
            foreach (var dropped in ServiceDefaultsExtensions.DroppedInstruments)
            {
                Assert.DoesNotContain(dropped, recorded.Keys);
            }
            Assert.DoesNotContain("aspnetcore.routing.match_attempts", recorded.Keys);
            // Kestrel's count of HTTP/2 requests waiting for their stream to start; its connections' instruments stay.
            Assert.DoesNotContain("kestrel.queued_requests", recorded.Keys);
            Assert.Contains("kestrel.queued_connections", recorded.Keys);
            Assert.DoesNotContain(recorded.Keys, name => name.StartsWith("aspnetcore.memory_pool.", StringComparison.Ordinal));
            Assert.DoesNotContain("aspnetcore.authentication.authenticate.duration", recorded.Keys);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task An_instrument_keeps_its_advised_buckets_and_counts_tag_combinations_past_the_limit_together()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.ConfigureOpenTelemetry();
        var points = new ConcurrentDictionary<string, List<MetricPoint>>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter("Cchc.Tests.Telemetry")
            .AddReader(new BaseExportingMetricReader(new MetricPoints(points))));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var meter = new Meter("Cchc.Tests.Telemetry");
            var calls = meter.CreateCounter<long>("cchc.tests.calls");
            var duration = meter.CreateHistogram<double>("cchc.tests.duration", "s", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1] });
            for (var i = 0; i < ServiceDefaultsExtensions.MetricCardinalityLimit + 100; i++)
            {
                calls.Add(1, new KeyValuePair<string, object?>("route", $"/r{i}"));
            }
            duration.Record(0.05);
            Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());

            // Every call is counted; past the limit, under one overflow point (the one point beyond it) instead of one each.
            var counted = points["cchc.tests.calls"];
            Assert.Equal(ServiceDefaultsExtensions.MetricCardinalityLimit + 100, counted.Sum(p => p.GetSumLong()));
            Assert.InRange(counted.Count, 2, ServiceDefaultsExtensions.MetricCardinalityLimit + 1);
            Assert.Contains(counted, p => HasTag(p, "otel.metric.overflow"));
            // The view that sets the limit leaves an instrument's advised buckets alone (ASP.NET Core's durations in seconds).
            var histogram = Assert.Single(points["cchc.tests.duration"]);
            var bounds = new List<double>();
            foreach (var bucket in histogram.GetHistogramBuckets())
            {
                bounds.Add(bucket.ExplicitBound);
            }
            Assert.Equal(new[] { 0.01, 0.1, 1, double.PositiveInfinity }, bounds);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static bool HasTag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every exported point, by metric name.</summary>
    private sealed class MetricPoints(ConcurrentDictionary<string, List<MetricPoint>> points) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                // Cumulative: each export holds every point so far, so the last one is the one to keep.
                var list = new List<MetricPoint>();
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    list.Add(point);
                }
                points[metric.Name] = list;
            }
            return ExportResult.Success;
        }
    }
}
