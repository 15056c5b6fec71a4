using Cchc.Dossiers.Domain.Calendar;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Tests.Domain.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Vietnam = new(OfficialSchedules.Vietnam2024_2026);

    [Theory]
    [InlineData(2026, 1, 1)]   // Tết Dương lịch
    [InlineData(2026, 1, 2)]   // swapped off
    [InlineData(2026, 2, 16)]  // Tết Bính Ngọ
    [InlineData(2026, 2, 20)]
    [InlineData(2026, 4, 27)]  // compensatory for Giỗ Tổ on Sunday
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 5, 1)]
    [InlineData(2026, 8, 31)]  // swapped off
    [InlineData(2026, 9, 1)]
    [InlineData(2026, 9, 2)]
    [InlineData(2026, 3, 7)]   // ordinary Saturday
    [InlineData(2026, 3, 8)]   // ordinary Sunday
    public void Official_days_off_and_ordinary_weekends_are_not_working_days(int year, int month, int day)
    {
        var isWorking = Vietnam.IsWorkingDay(new DateOnly(year, month, day));

        Assert.False(isWorking);
    }

    [Theory]
    [InlineData(2026, 1, 10)]  // Saturday swapped in for 02/01
    [InlineData(2026, 8, 22)]  // Saturday swapped in for 31/08
    [InlineData(2025, 4, 26)]
    [InlineData(2024, 5, 4)]
    [InlineData(2026, 2, 13)]  // ordinary Friday before Tết
    [InlineData(2026, 11, 24)] // Ngày Văn hóa Việt Nam is not yet an official day off
    public void Swapped_Saturdays_and_ordinary_weekdays_are_working_days(int year, int month, int day)
    {
        var isWorking = Vietnam.IsWorkingDay(new DateOnly(year, month, day));

        Assert.True(isWorking);
    }

    [Fact]
    public void The_next_working_day_after_the_Friday_before_Tet_2026_is_Monday_23_February()
    {
        var next = Vietnam.NextWorkingDay(new DateOnly(2026, 2, 13));

        Assert.Equal(new DateOnly(2026, 2, 23), next);
    }

    [Fact]
    public void The_next_working_day_is_strictly_after_the_given_working_day()
    {
        var next = Vietnam.NextWorkingDay(new DateOnly(2026, 3, 9));

        Assert.Equal(new DateOnly(2026, 3, 10), next);
    }

    [Fact]
    public void The_next_working_day_after_Tet_Duong_lich_2026_is_Monday_5_January()
    {
        var next = Vietnam.NextWorkingDay(new DateOnly(2025, 12, 31));

        Assert.Equal(new DateOnly(2026, 1, 5), next);
    }

    [Fact]
    public void Adding_zero_working_days_returns_the_same_date_even_on_a_holiday()
    {
        var result = Vietnam.AddWorkingDays(new DateOnly(2026, 2, 17), 0);

        Assert.Equal(new DateOnly(2026, 2, 17), result);
    }

    [Fact]
    public void Five_working_days_from_the_Friday_before_Tet_2026_end_on_27_February()
    {
        var result = Vietnam.AddWorkingDays(new DateOnly(2026, 2, 13), 5);

        Assert.Equal(new DateOnly(2026, 2, 27), result);
    }

    [Fact]
    public void The_working_day_before_the_Monday_after_Tet_2026_is_the_Friday_before_it()
    {
        var result = Vietnam.PreviousWorkingDay(new DateOnly(2026, 2, 23));

        Assert.Equal(new DateOnly(2026, 2, 13), result);
    }

    [Fact]
    public void Counting_back_two_working_days_from_Monday_4_May_2026_skips_the_30_April_and_1_May_holidays()
    {
        var result = Vietnam.SubtractWorkingDays(new DateOnly(2026, 5, 4), 2);

        Assert.Equal(new DateOnly(2026, 4, 28), result);
    }

    [Fact]
    public void Adding_a_negative_number_of_working_days_is_rejected()
    {
        Action act = () => Vietnam.AddWorkingDays(new DateOnly(2026, 3, 9), -1);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Theory]
    [InlineData(2024, 251)]
    [InlineData(2025, 250)]
    [InlineData(2026, 250)]
    public void Each_official_year_has_the_expected_number_of_working_days(int year, int expected)
    {
        var count = Vietnam.CountWorkingDays(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31));

        Assert.Equal(expected, count);
    }

    [Fact]
    public void February_2026_has_fifteen_working_days_because_of_Tet()
    {
        var count = Vietnam.CountWorkingDays(new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28));

        Assert.Equal(15, count);
    }

    [Fact]
    public void Counting_an_empty_or_reversed_range_gives_zero()
    {
        var same = Vietnam.CountWorkingDays(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 9));
        var reversed = Vietnam.CountWorkingDays(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 2));

        Assert.Equal(0, same);
        Assert.Equal(0, reversed);
    }

    [Fact]
    public void Counting_working_days_agrees_with_walking_the_calendar_day_by_day()
    {
        var random = new Random(766);
        var origin = new DateOnly(2023, 12, 1);

        for (var i = 0; i < 300; i++)
        {
            var from = origin.AddDays(random.Next(0, 1200));
            var to = from.AddDays(random.Next(0, 120));

            var expected = 0;
            for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            {
                expected += Vietnam.IsWorkingDay(d) ? 1 : 0;
            }

            Assert.Equal(expected, Vietnam.CountWorkingDays(from, to));
        }
    }

    [Fact]
    public void Adding_then_counting_working_days_round_trips()
    {
        var from = new DateOnly(2025, 12, 20);

        var to = Vietnam.AddWorkingDays(from, 40);

        Assert.Equal(40, Vietnam.CountWorkingDays(from, to));
    }

    [Fact]
    public void A_swap_workday_on_a_weekday_is_rejected()
    {
        var exception = new CalendarException(new DateOnly(2026, 3, 9), CalendarDayKind.SwapWorkday, "Làm bù", "Thử");

        Action act = () => new WorkingCalendar([exception]);

        var error = Assert.Throws<ArgumentException>(act);
        Assert.Contains("2026-03-09", error.Message);
    }

    [Theory]
    [InlineData(CalendarDayKind.Holiday)]
    [InlineData(CalendarDayKind.Compensatory)]
    [InlineData(CalendarDayKind.SwapOff)]
    public void A_day_off_on_a_weekend_is_rejected(CalendarDayKind kind)
    {
        var exception = new CalendarException(new DateOnly(2026, 4, 26), kind, "Giỗ Tổ Hùng Vương", "Thử");

        Action act = () => new WorkingCalendar([exception]);

        var error = Assert.Throws<ArgumentException>(act);
        Assert.Contains("2026-04-26", error.Message);
    }

    [Fact]
    public void A_duplicate_date_is_rejected_with_the_date_in_the_message()
    {
        var first = new CalendarException(new DateOnly(2026, 11, 24), CalendarDayKind.Holiday, "Ngày Văn hóa Việt Nam", "Thử");
        var second = first with { Name = "Ngày khác" };

        Action act = () => new WorkingCalendar([first, second]);

        var error = Assert.Throws<ArgumentException>(act);
        Assert.Contains("2026-11-24", error.Message);
    }

    [Fact]
    public void A_holiday_confirmed_later_can_be_added_to_an_existing_calendar()
    {
        var cultureDay = new CalendarException(
            new DateOnly(2026, 11, 24), CalendarDayKind.Holiday, "Ngày Văn hóa Việt Nam", "Văn bản xác nhận (giả định cho kiểm thử)");

        var extended = Vietnam.With([cultureDay]);

        Assert.False(extended.IsWorkingDay(new DateOnly(2026, 11, 24)));
        Assert.True(Vietnam.IsWorkingDay(new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void Adding_a_date_that_is_already_an_exception_is_rejected()
    {
        var clash = new CalendarException(new DateOnly(2026, 9, 2), CalendarDayKind.Holiday, "Quốc khánh", "Thử");

        Action act = () => Vietnam.With([clash]);

        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void The_exception_behind_a_day_off_can_be_looked_up_for_display()
    {
        var found = Vietnam.TryGetException(new DateOnly(2026, 2, 18), out var exception);

        Assert.True(found);
        Assert.Equal(CalendarDayKind.Holiday, exception!.Kind);
        Assert.Equal("Tết Nguyên đán Bính Ngọ", exception.Name);
    }

    [Fact]
    public void Without_exceptions_only_weekends_are_off()
    {
        var calendar = WorkingCalendar.WeekdaysOnly;

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 1, 1)));
        Assert.Equal(new DateOnly(2026, 2, 16), calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 1));
    }
}
