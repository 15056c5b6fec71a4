using Cchc.Dossiers.Domain.Calendar;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Tests.Domain.Calendar;

public class StatutoryHolidaysTests
{
    private static List<(DateOnly Date, CalendarDayKind Kind)> Days(int year, HolidayPattern? pattern = null) =>
        StatutoryHolidays.For(year, pattern).Select(d => (d.Date, d.Kind)).ToList();

    private static (DateOnly, CalendarDayKind) H(int year, int month, int day) => (new DateOnly(year, month, day), CalendarDayKind.Holiday);

    private static (DateOnly, CalendarDayKind) C(int year, int month, int day) => (new DateOnly(year, month, day), CalendarDayKind.Compensatory);

    [Fact]
    public void The_year_2027_has_its_eleven_holidays_on_weekdays_or_with_a_compensatory_day()
    {
        // Tết Đinh Mùi: mùng 1 is Saturday 06/02/2027; the last day of Bính Ngọ is Friday 05/02.
        // Days off: Fri 5/2 (30 Tết), Sat 6 (mùng 1), Sun 7 (mùng 2), Mon 8 (mùng 3), Tue 9 (mùng 4),
        // so the Saturday and the Sunday are made up on Wednesday 10 and Thursday 11.
        // Giỗ Tổ: 10/3 Đinh Mùi = Friday 16/04/2027. 30/4 Friday, 1/5 Saturday (made up Monday 3/5).
        // Quốc khánh: 2/9 is a Thursday, so the adjacent day is Friday 3/9.
        Assert.Equal(
        [
            H(2027, 1, 1),
            H(2027, 2, 5), H(2027, 2, 8), H(2027, 2, 9), C(2027, 2, 10), C(2027, 2, 11),
            H(2027, 4, 16), H(2027, 4, 30), C(2027, 5, 3),
            H(2027, 9, 2), H(2027, 9, 3),
        ], Days(2027));
    }

    [Fact]
    public void Every_derived_day_off_is_a_weekday_with_a_name_and_the_Labour_Code_as_reference()
    {
        for (var year = 2021; year <= 2100; year++)
        {
            var days = StatutoryHolidays.For(year);
            _ = new WorkingCalendar(days); // validates kinds against weekdays and refuses duplicates
            Assert.All(days, d =>
            {
                Assert.Equal(year, d.Date.Year);
                Assert.StartsWith("Bộ luật Lao động 2019", d.LegalReference);
                Assert.False(string.IsNullOrWhiteSpace(d.Name));
            });
            // Eleven holidays: each one a weekday off, or a weekend day made up on a weekday.
            Assert.Equal(11, days.Count);
        }
    }

    [Fact]
    public void Years_before_2021_follow_the_2012_Labour_Code_with_one_day_for_Quoc_khanh()
    {
        var days = StatutoryHolidays.For(2019);

        Assert.Equal(10, days.Count);
        Assert.All(days, d => Assert.StartsWith("Bộ luật Lao động 2012", d.LegalReference));
    }

    [Theory]
    // The years under the 2019 Code: 2024 Mon → 3/9, 2025 Tue → 1/9, 2026 Wed → 1/9 (the shipped official
    // schedules); 2021 Thu → 3/9, 2022 Fri → 1/9, 2023 Sat → 1/9 with Monday 4/9 made up (from memory, not
    // checked against the decisions); and 2029, a Sunday:
    // 3/9 is the weekday next to it, and 2/9 itself is made up on Tuesday 4/9.
    [InlineData(2021, "H2 H3")]
    [InlineData(2022, "H1 H2")]
    [InlineData(2023, "H1 C4")]
    [InlineData(2024, "H2 H3")]
    [InlineData(2025, "H1 H2")]
    [InlineData(2026, "H1 H2")]
    [InlineData(2029, "H3 C4")]
    public void The_day_added_to_Quoc_khanh_joins_it_to_the_weekend(int year, string expected)
    {
        var september = Days(year).Where(d => d.Date.Month == 9)
            .Select(d => (d.Kind == CalendarDayKind.Holiday ? "H" : "C") + d.Date.Day);

        Assert.Equal(expected, string.Join(' ', september));
    }

    [Fact]
    public void A_holiday_on_a_Sunday_gives_the_next_working_day_after_the_holidays_that_follow_it()
    {
        // 2028: 30/4 is a Sunday and 1/5 a Monday, so the compensatory day is Tuesday 2/5.
        var days = Days(2028);

        Assert.Contains(H(2028, 5, 1), days);
        Assert.Contains(C(2028, 5, 2), days);
    }

    [Fact]
    public void The_holidays_of_2026_as_derived_are_those_the_government_set_apart_from_its_swap()
    {
        // The official 2026 schedule has the same holidays and compensatory day; besides, it swapped
        // Friday 2/1 and Monday 31/8 against working Saturdays 10/1 and 22/8, which no rule gives.
        var official = OfficialSchedules.Vietnam2024_2026
            .Where(d => d.Date.Year == 2026 && d.Kind is CalendarDayKind.Holiday or CalendarDayKind.Compensatory)
            .Select(d => (d.Date, d.Kind)).ToList();

        Assert.Equal(official, Days(2026));
    }

    [Theory]
    // 2024 and 2025 took two days before mùng 1 (29 and 30 Tết; 28 and 29 Tết) and three after.
    [InlineData(2024)]
    [InlineData(2025)]
    public void With_two_days_before_mung_1_the_derived_Tet_is_the_official_one(int year)
    {
        var pattern = new HolidayPattern(TetDaysBeforeNewYear: 2);
        var official = OfficialSchedules.Vietnam2024_2026
            .Where(d => d.Date.Year == year && d.Date.Month == 2 || d.Date.Year == year && d.Date.Month == 1 && d.Date.Day > 1)
            .Where(d => d.Kind is CalendarDayKind.Holiday or CalendarDayKind.Compensatory)
            .Select(d => (d.Date, d.Kind)).ToList();

        var derived = Days(year, pattern).Where(d => d.Date.Month == 2 || d.Date.Month == 1 && d.Date.Day > 1).ToList();

        Assert.Equal(official, derived);
    }

    [Theory]
    [InlineData(2024, "Giáp Thìn")]
    [InlineData(2026, "Bính Ngọ")]
    [InlineData(2027, "Đinh Mùi")]
    [InlineData(2030, "Canh Tuất")]
    public void The_lunar_year_is_named_by_its_stem_and_branch(int year, string name)
    {
        Assert.Equal(name, StatutoryHolidays.YearName(year));
    }
}
