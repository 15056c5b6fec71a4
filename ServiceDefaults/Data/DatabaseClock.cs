namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The current time at PostgreSQL's precision (microseconds), so what a call answers equals what a
/// later read returns.
/// </summary>
public static class DatabaseClock
{
    public static DateTimeOffset UtcNow()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
