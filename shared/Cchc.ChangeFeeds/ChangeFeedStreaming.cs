namespace Cchc.ChangeFeeds;

/// <summary>
/// Serves a change feed as a stream: the backlog after a cursor, then each new event as it commits
/// (found by polling), until the caller hangs up.
/// </summary>
public static class ChangeFeedStreaming
{
    public const int BatchSize = 500;

    /// <param name="read">Up to <c>count</c> events after a sequence, in sequence order; a fresh database context per read, since a stream lives for hours.</param>
    public static async Task PumpAsync<TEvent>(
        long afterSequence,
        Func<long, int, CancellationToken, Task<List<TEvent>>> read,
        Func<TEvent, long> sequenceOf,
        Func<TEvent, CancellationToken, Task> write,
        TimeSpan pollInterval,
        CancellationToken cancellationToken)
    {
        var cursor = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await read(cursor, BatchSize, cancellationToken);
            foreach (var change in events)
            {
                await write(change, cancellationToken);
                cursor = sequenceOf(change);
            }
            if (events.Count < BatchSize)
            {
                await Task.Delay(pollInterval, cancellationToken);
            }
        }
    }
}
