using Cchc.Notifications.Webhooks;

namespace Cchc.Notifications.Tests;

/// <summary>Retry delays (<c>services/Notifications/Webhooks/Backoff.cs</c>).</summary>
public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 5_000, 10_000)]      // base 10 s: between half and all of it
    [InlineData(2, 10_000, 20_000)]
    [InlineData(4, 40_000, 80_000)]
    [InlineData(10, 1_800_000, 3_600_000)] // 10 s × 2⁹ = 85 min, capped at the hour
    [InlineData(60, 1_800_000, 3_600_000)]
    public void Backoff_doubles_from_the_base_delay_up_to_the_cap_with_half_of_it_random(int attempts, double minMs, double maxMs)
    {
        var options = new WebhookOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromHours(1) };

        var lowest = Backoff.DelayAfter(attempts, options, new FixedRandom(0.0));
        var highest = Backoff.DelayAfter(attempts, options, new FixedRandom(0.999999));

        Assert.Equal(minMs, lowest.TotalMilliseconds, 1);
        Assert.InRange(highest.TotalMilliseconds, maxMs - 10, maxMs);
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
