using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cchc.ServiceDefaults.ChangeFeeds;

/// <summary>
/// The loop of a change-feed consumer: take a page, and when the page was not full wait a moment
/// before the next; when the producer or the database is unreachable (a restart, say), back off
/// exponentially up to 30 s and resume from the stored cursor. Stops with the service.
/// </summary>
public static class FeedPolling
{
    public static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

    /// <param name="consumeOnce">Takes one page in and returns how many changes it held.</param>
    public static async Task RunAsync(string feedName, int pageSize, Func<CancellationToken, Task<int>> consumeOnce, ILogger logger, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = await consumeOnce(stoppingToken);
                failures = 0;
                if (taken < pageSize)
                {
                    await Task.Delay(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RpcException or DbUpdateException or Npgsql.NpgsqlException or HttpRequestException)
            {
                failures++;
                logger.LogWarning(ex, "Reading the {Feed} change feed failed ({Failures} in a row); retrying", feedName, failures);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 7)))), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
