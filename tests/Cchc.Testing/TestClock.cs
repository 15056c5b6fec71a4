namespace Cchc.Testing;

/// <summary>A clock that stands still at whatever time a test sets.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    /// <summary>Sets the clock to a wall-clock time in Vietnam (UTC+07:00).</summary>
    public void SetVietnam(int year, int month, int day, int hour, int minute) =>
        _now = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}
