using Cchc.SharedKernel.Calendar;

namespace Cchc.Shared.Tests;

/// <summary>Vietnam's wall clock and calendar day (<c>shared/Cchc.SharedKernel/Calendar/VietnamTime.cs</c>): UTC+07:00, no daylight saving.</summary>
public sealed class VietnamTimeTests
{
    [Fact]
    public void An_instant_is_seven_hours_ahead_on_the_wall_clock()
    {
        var local = VietnamTime.ToLocal(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2026, 2, 24, 17, 0, 0), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
    }

    [Theory]
    [InlineData(DateTimeKind.Unspecified)]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    public void A_wall_clock_time_is_read_as_Vietnam_time_whatever_its_kind(DateTimeKind kind)
    {
        var instant = VietnamTime.FromLocal(new DateTime(2026, 2, 24, 17, 0, 0, kind));

        Assert.Equal(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.FromHours(7), instant.Offset);
    }

    [Theory]
    [InlineData(16, 59, "2026-02-28")]   // 23:59 in Vietnam
    [InlineData(17, 0, "2026-03-01")]    // midnight in Vietnam: already the next day, while UTC is still on the 28th
    public void The_day_turns_at_midnight_in_Vietnam_not_in_UTC(int utcHour, int utcMinute, string day) =>
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            VietnamTime.DateOn(new DateTimeOffset(2026, 2, 28, utcHour, utcMinute, 0, TimeSpan.Zero)));

    [Fact]
    public void The_day_of_an_instant_given_in_another_offset_is_Vietnams() =>
        Assert.Equal(new DateOnly(2026, 3, 1), VietnamTime.DateOn(new DateTimeOffset(2026, 2, 28, 12, 30, 0, TimeSpan.FromHours(-5))));

    [Theory]
    [InlineData(0, "2026-02-24T17:00:00+07:00")]
    [InlineData(5_000_000, "2026-02-24T17:00:00.5+07:00")]
    [InlineData(1_230, "2026-02-24T17:00:00.000123+07:00")]
    public void Iso_text_carries_the_offset_and_fractions_only_when_there_are_any(long ticks, string iso) =>
        Assert.Equal(iso, VietnamTime.ToIso(new DateTime(2026, 2, 24, 17, 0, 0).AddTicks(ticks)));
}
