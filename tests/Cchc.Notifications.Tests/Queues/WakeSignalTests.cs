using System.Diagnostics;
using Cchc.Notifications.Queues;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cchc.Notifications.Tests;

/// <summary>
/// When a queue worker's next round starts (<c>Queues/WakeSignal.cs</c>): at once after a full round, after the linger
/// after a round that found less, and on the signal after an empty one.
/// </summary>
public sealed class WakeSignalTests
{
    private sealed class Signal : WakeSignal;

    /// <summary>Runs rounds that claim <paramref name="claims"/> in turn (then nothing), and answers when each began.</summary>
    private static async Task<List<TimeSpan>> RoundStarts(int[] claims, TimeSpan linger, Signal? signal = null, Action<int>? afterRound = null)
    {
        var clock = Stopwatch.StartNew();
        var starts = new List<TimeSpan>();
        using var stop = new CancellationTokenSource();
        var loop = WakeSignal.RunRoundsAsync(_ =>
        {
            starts.Add(clock.Elapsed);
            var index = starts.Count - 1;
            afterRound?.Invoke(index);
            if (index >= claims.Length)
            {
                stop.Cancel();
                return Task.FromResult(0);
            }
            return Task.FromResult(claims[index]);
        }, signal ?? new Signal(), TimeSpan.FromMinutes(5), NullLogger.Instance, "test", stop.Token, linger, fullRound: 10);
        await loop.WaitAsync(TimeSpan.FromSeconds(30));
        return starts;
    }

    [Fact]
    public async Task A_round_that_found_less_than_a_full_batch_is_followed_after_the_linger_and_a_full_one_at_once()
    {
        var linger = TimeSpan.FromSeconds(1);

        var starts = await RoundStarts([3, 10, 12, 1], linger);

        Assert.Equal(5, starts.Count);
        Assert.True(starts[1] - starts[0] >= linger * 0.9, $"after a partial round: {starts[1] - starts[0]}");
        Assert.True(starts[2] - starts[1] < linger * 0.5, $"after a full round: {starts[2] - starts[1]}");
        Assert.True(starts[3] - starts[2] < linger * 0.5, $"after a round with more than a batch (chains): {starts[3] - starts[2]}");
        Assert.True(starts[4] - starts[3] >= linger * 0.9, $"after a partial round: {starts[4] - starts[3]}");
    }

    [Fact]
    public async Task Without_a_linger_a_round_that_did_something_is_followed_at_once_and_an_empty_one_waits_for_the_signal()
    {
        var signal = new Signal();
        var starts = await RoundStarts([1, 0, 1], TimeSpan.Zero, signal, afterRound: index =>
        {
            if (index == 1)
            {
                // Woken half a second after the empty round, long before the five-minute poll.
                _ = Task.Delay(500).ContinueWith(_ => signal.Notify(), TaskScheduler.Default);
            }
        });

        Assert.Equal(4, starts.Count);
        Assert.True(starts[1] - starts[0] < TimeSpan.FromMilliseconds(400), $"after a round that did something: {starts[1] - starts[0]}");
        Assert.True(starts[2] - starts[1] >= TimeSpan.FromMilliseconds(450), $"after an empty round: {starts[2] - starts[1]}");
    }
}
