using Cchc.Directives.Data;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Cchc.Directives.Access;

/// <summary>
/// Keeps the shared cache's key directory a replica of the registry: at start and every minute it
/// adds active keys that are missing (e.g. after the cache restarted) and writes tombstones for
/// revoked ones. Creation and revocation also write through at once.
/// </summary>
internal sealed class ApiKeyMirror(IServiceProvider services, IConnectionMultiplexer redis, ILogger<ApiKeyMirror> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await MirrorAsync(stoppingToken);
            }
            // Whatever fails (the cache, the database, EF giving up its retries) is tried again next period: a mirror never stops the service.
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Mirroring API keys to the cache failed; retrying in {Period}", Period);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task MirrorAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectivesDbContext>();
        var directory = new ApiKeyDirectory(redis, services.GetRequiredService<ApiKeySeal>());
        await foreach (var key in db.ApiKeys.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await (key.RevokedAt is null ? directory.AddIfMissingAsync(key.ToRecord()) : directory.RevokeAsync(key.KeyId));
        }
    }
}
