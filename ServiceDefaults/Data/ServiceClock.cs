using Cchc.SharedKernel.Calendar;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The time a service stamps what it writes with and judges deadlines by, at PostgreSQL's precision
/// (microseconds), so what a call answers equals what a later read returns. Built on a
/// <see cref="TimeProvider"/> and registered on its own, so tests can move a service's day without
/// moving the clock that validates tokens; <see cref="System"/> is the real time, for what no test moves.
/// </summary>
public sealed class ServiceClock(TimeProvider time)
{
    /// <summary>The system's time.</summary>
    public static ServiceClock System { get; } = new(TimeProvider.System);

    /// <summary>Now, in UTC, truncated to microseconds.</summary>
    public DateTimeOffset UtcNow() => ToDatabasePrecision(time.GetUtcNow().ToUniversalTime());

    /// <summary>Today in Vietnam.</summary>
    public DateOnly Today => VietnamTime.DateOn(time.GetUtcNow());

    /// <summary><paramref name="instant"/> with what PostgreSQL does not keep (below a microsecond) dropped.</summary>
    public static DateTimeOffset ToDatabasePrecision(DateTimeOffset instant) =>
        instant.AddTicks(-(instant.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
}
