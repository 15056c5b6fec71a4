using Cchc.Testing;
using Microsoft.Extensions.Hosting;

namespace Cchc.Shared.Tests;

/// <summary>The one service clock (<c>ServiceDefaults/Data/ServiceClock.cs</c>): PostgreSQL's precision, Vietnam's day.</summary>
public sealed class ServiceClockTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Now_is_in_UTC_and_keeps_whole_microseconds_only()
    {
        // 12:34:56.1234567 in Vietnam: the seventh decimal (100 ns) is below PostgreSQL's precision.
        var clock = new ServiceClock(new FixedTime(new DateTimeOffset(2026, 3, 2, 12, 34, 56, TimeSpan.FromHours(7)).AddTicks(1_234_567)));

        var now = clock.UtcNow();

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 5, 34, 56, TimeSpan.Zero).AddTicks(1_234_560), now);
        Assert.Equal(TimeSpan.Zero, now.Offset);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 10)]
    [InlineData(19, 10)]
    public void Precision_drops_what_is_below_a_microsecond(long ticks, long kept)
    {
        var second = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(second.AddTicks(kept), ServiceClock.ToDatabasePrecision(second.AddTicks(ticks)));
    }

    [Fact]
    public void Today_is_the_day_in_Vietnam()
    {
        var clock = new TestClock();
        clock.SetVietnam(2026, 3, 1, 0, 30);   // still 28 February in UTC

        Assert.Equal(new DateOnly(2026, 3, 1), new ServiceClock(clock).Today);
    }

    [Fact]
    public void The_system_clock_is_the_real_time()
    {
        var before = DateTimeOffset.UtcNow.AddTicks(-10);

        var now = ServiceClock.System.UtcNow();

        Assert.InRange(now, before, DateTimeOffset.UtcNow);
    }
}
