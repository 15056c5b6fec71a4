namespace Cchc.Notifications.Webhooks;

/// <summary>Exponential backoff with "equal jitter": half the delay fixed, half random, so retries of many deliveries spread out.</summary>
public static class Backoff
{
    public static TimeSpan DelayAfter(int attempts, WebhookOptions options, Random random) =>
        DelayAfter(attempts, options.BaseDelay, options.MaxDelay, random);

    public static TimeSpan DelayAfter(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Min(attempts - 1, 30);
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}
