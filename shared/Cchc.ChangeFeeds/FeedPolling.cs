using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cchc.ChangeFeeds;

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
        var outageSince = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = await consumeOnce(stoppingToken);
                if (failures > 0)
                {
                    logger.LogInformation("The {Feed} change feed is readable again after {Seconds:0} s ({Failures} failed attempts)",
                        feedName, (DateTimeOffset.UtcNow - outageSince).TotalSeconds, failures);
                }
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
                // One line per outage, not a stack trace per retry: the first failure says what and why,
                // the retries are debug, and the recovery says how long it lasted.
                if (failures++ == 0)
                {
                    outageSince = DateTimeOffset.UtcNow;
                    logger.LogWarning("Cannot read the {Feed} change feed ({Reason}); retrying with backoff up to 30 s from the stored cursor",
                        feedName, ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.Message);
                }
                else
                {
                    logger.LogDebug(ex, "Reading the {Feed} change feed failed again ({Failures} in a row)", feedName, failures);
                }
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
