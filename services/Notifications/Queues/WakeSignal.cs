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
    /// Runs rounds of a queue worker until the service stops: another round at once after a full round
    /// (<paramref name="fullRound"/> rows or more), after <paramref name="linger"/> when a round did less, and after
    /// the signal or the poll interval when it did nothing. A failed round is logged, not fatal.
    /// </summary>
    /// <remarks>
    /// Without the linger, rows queued one by one (a webhook per published event) were each sent by a round of their
    /// own, its claim, reads and commit paid per row, rounds back to back for as long as rows kept coming.
    /// </remarks>
    public static async Task RunRoundsAsync(Func<CancellationToken, Task<int>> round, WakeSignal signal, TimeSpan pollInterval, ILogger logger, string name,
        CancellationToken stoppingToken, TimeSpan linger = default, int fullRound = int.MaxValue)
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
            try
            {
                if (done == 0)
                {
                    await signal.WaitAsync(pollInterval, stoppingToken);
                }
                else if (done < fullRound && linger > TimeSpan.Zero)
                {
                    await Task.Delay(linger, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
