using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Settings read from <c>Aspire:Npgsql:EntityFrameworkCore:PostgreSQL</c>, as Aspire's client integration does.</summary>
public sealed class NpgsqlEntityFrameworkCorePostgreSQLSettings
{
    public string? ConnectionString { get; set; }
    public bool DisableHealthChecks { get; set; }
    public bool DisableTracing { get; set; }
    public bool DisableRetry { get; set; }
    public int? CommandTimeout { get; set; }
}

public static class NpgsqlDbContextExtensions
{
    private const string SectionName = "Aspire:Npgsql:EntityFrameworkCore:PostgreSQL";

    /// <summary>
    /// Registers a pooled <typeparamref name="TContext"/> on the PostgreSQL database named
    /// <paramref name="connectionName"/> (<c>ConnectionStrings:&lt;name&gt;</c>), with a health check,
    /// tracing and retry on transient failures — the same surface as Aspire's
    /// <c>Aspire.Npgsql.EntityFrameworkCore.PostgreSQL</c>.
    /// </summary>
    public static void AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlEntityFrameworkCorePostgreSQLSettings>? configureSettings = null,
        Action<DbContextOptionsBuilder>? configureDbContextOptions = null) where TContext : DbContext
    {
        var settings = new NpgsqlEntityFrameworkCorePostgreSQLSettings();
        builder.Configuration.GetSection(SectionName).Bind(settings);
        builder.Configuration.GetSection($"{SectionName}:{typeof(TContext).Name}").Bind(settings);
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

        var connectionString = settings.ConnectionString;
        builder.Services.AddDbContextPool<TContext>(options =>
        {
            options.UseNpgsql(connectionString, npgsql =>
            {
                if (!settings.DisableRetry)
                {
                    npgsql.EnableRetryOnFailure();
                }
                if (settings.CommandTimeout is { } timeout)
                {
                    npgsql.CommandTimeout(timeout);
                }
            });
            configureDbContextOptions?.Invoke(options);
        });

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(
                name: $"{connectionName}_check", failureStatus: HealthStatus.Unhealthy,
                tags: [ServiceDefaultsExtensions.ReadyTag]);
        }
        if (!settings.DisableTracing)
        {
            // The "Npgsql" activity source is what Npgsql.OpenTelemetry's AddNpgsql() enables.
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource("Npgsql"));
        }
    }
}
