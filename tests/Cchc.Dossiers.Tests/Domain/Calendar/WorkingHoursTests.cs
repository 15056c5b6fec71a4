using Cchc.Dossiers.Domain.Calendar;

namespace Cchc.Dossiers.Tests.Domain.Calendar;

public class WorkingHoursTests
{
    private static readonly WorkingHours Hours = WorkingHours.Default;

    [Fact]
    public void The_default_day_is_seven_and_a_half_hours_from_07_30_to_17_00()
    {
        Assert.Equal(new TimeOnly(7, 30), Hours.MorningStart);
        Assert.Equal(new TimeOnly(11, 30), Hours.MorningEnd);
        Assert.Equal(new TimeOnly(13, 30), Hours.AfternoonStart);
        Assert.Equal(new TimeOnly(17, 0), Hours.AfternoonEnd);
        Assert.Equal(TimeSpan.FromHours(7.5), Hours.DailyLength);
    }

    [Theory]
    [InlineData(7, 30, true)]
    [InlineData(11, 29, true)]
    [InlineData(11, 30, false)]
    [InlineData(12, 15, false)]
    [InlineData(13, 30, true)]
    [InlineData(16, 59, true)]
    [InlineData(17, 0, false)]
    [InlineData(7, 29, false)]
    public void Sessions_include_their_start_and_exclude_their_end(int hour, int minute, bool expected)
    {
        var inside = Hours.IsWithinWorkingHours(new TimeOnly(hour, minute));

        Assert.Equal(expected, inside);
    }

    [Fact]
    public void Lunch_break_before_start_and_after_end_are_recognised()
    {
        Assert.True(Hours.IsLunchBreak(new TimeOnly(12, 0)));
        Assert.True(Hours.IsBeforeStart(new TimeOnly(6, 45)));
        Assert.True(Hours.IsAtOrAfterEnd(new TimeOnly(17, 0)));
        Assert.False(Hours.IsAtOrAfterEnd(new TimeOnly(16, 59)));
    }

    [Fact]
    public void Overlapping_sessions_are_rejected()
    {
        Action act = () => new WorkingHours(new TimeOnly(7, 30), new TimeOnly(14, 0), new TimeOnly(13, 30), new TimeOnly(17, 0));

        Assert.Throws<ArgumentException>(act);
    }
}
