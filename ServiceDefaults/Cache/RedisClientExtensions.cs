using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>Settings read from <c>Aspire:StackExchange:Redis</c>, as Aspire's client integration does.</summary>
public sealed class StackExchangeRedisSettings
{
    public string? ConnectionString { get; set; }
    public bool DisableHealthChecks { get; set; }
}

public static class RedisClientExtensions
{
    private const string SectionName = "Aspire:StackExchange:Redis";

    /// <summary>
    /// Registers a singleton <see cref="IConnectionMultiplexer"/> for the Redis-protocol server named
    /// <paramref name="connectionName"/> (<c>ConnectionStrings:&lt;name&gt;</c>) with a PING health check.
    /// The connection is made lazily and reconnects by itself, so a cache that starts late does not
    /// stop the service from starting; the health check reports it.
    /// </summary>
    public static void AddRedisClient(this IHostApplicationBuilder builder, string connectionName,
        Action<StackExchangeRedisSettings>? configureSettings = null)
    {
        var settings = new StackExchangeRedisSettings();
        builder.Configuration.GetSection(SectionName).Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } cs)
        {
            settings.ConnectionString = cs;
        }
        configureSettings?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionString is missing. It should be provided in 'ConnectionStrings:{connectionName}' " +
                $"or under the 'ConnectionString' key in '{SectionName}' configuration section.");
        }

        var options = ConfigurationOptions.Parse(settings.ConnectionString);
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                $"{connectionName}_check",
                sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()),
                HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]));
        }
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The cache does not answer PING.", ex);
            }
        }
    }
}
