using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>Seeds a database once its schema is current; runs after every migration, so it must be idempotent.</summary>
public interface IDatabaseSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}

public static class DatabaseMigratorExtensions
{
    /// <summary>
    /// Applies the EF Core migrations of <typeparamref name="TContext"/> at start-up, then runs the
    /// registered seeders. It runs as a hosted service that completes before Kestrel listens, so the
    /// service never answers a call against an old schema and the orchestrator's wait-for-healthy
    /// covers the migration.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseMigrations<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }

    public static IHostApplicationBuilder AddDatabaseSeeder<TContext, TSeeder>(this IHostApplicationBuilder builder)
        where TContext : DbContext where TSeeder : class, IDatabaseSeeder<TContext>
    {
        builder.Services.AddScoped<IDatabaseSeeder<TContext>, TSeeder>();
        return builder;
    }
}

internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {Context}: {Migrations}",
                pending.Count, typeof(TContext).Name, string.Join(", ", pending));
        }
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
