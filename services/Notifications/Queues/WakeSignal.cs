namespace Cchc.Notifications.Queues;

/// <summary>
/// Wakes a queue worker of this instance when work is queued, so it does not wait for its next poll;
/// other instances' work is found by polling.
/// </summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Runs rounds of a queue worker until the service stops: another round at once after a round that
    /// did something, otherwise after the signal or the poll interval. A failed round is logged, not fatal.
    /// </summary>
    public static async Task RunRoundsAsync(Func<CancellationToken, Task<int>> round, WakeSignal signal, TimeSpan pollInterval, ILogger logger, string name,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int done;
            try
            {
                done = await round(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Worker} round failed", name);
                done = 0;
            }
            if (done == 0)
            {
                try
                {
                    await signal.WaitAsync(pollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
