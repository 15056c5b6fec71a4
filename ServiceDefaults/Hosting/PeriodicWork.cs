using Microsoft.Extensions.Logging;

namespace Cchc.ServiceDefaults.Hosting;

/// <summary>
/// The loop of a background watch: do the work at start and then every interval until the service
/// stops; a failed round is logged and the next one tries again.
/// </summary>
public static class PeriodicWork
{
    public static async Task RunAsync(string name, TimeSpan interval, Func<CancellationToken, Task> round, ILogger logger, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await round(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The {Watch} failed; it runs again in {Interval}", name, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
