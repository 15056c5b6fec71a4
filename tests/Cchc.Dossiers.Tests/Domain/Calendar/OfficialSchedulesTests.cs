using Cchc.Dossiers.Domain.Calendar;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Tests.Domain.Calendar;

public class OfficialSchedulesTests
{
    private static readonly IReadOnlyList<CalendarException> Schedule = OfficialSchedules.Vietnam2024_2026;

    private static CalendarException On(int year, int month, int day) =>
        Assert.Single(Schedule, e => e.Date == new DateOnly(year, month, day));

    [Fact]
    public void The_schedule_builds_a_valid_calendar()
    {
        var calendar = new WorkingCalendar(Schedule);

        Assert.Equal(Schedule.Count, calendar.Exceptions.Count);
    }

    [Theory]
    [InlineData(2024, 13)]
    [InlineData(2025, 13)]
    [InlineData(2026, 15)]
    public void Each_year_lists_the_expected_number_of_exceptions(int year, int expected)
    {
        var count = Schedule.Count(e => e.Date.Year == year);

        Assert.Equal(expected, count);
    }

    [Fact]
    public void Every_entry_carries_a_name_and_a_legal_reference()
    {
        Assert.All(Schedule, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Name));
            Assert.False(string.IsNullOrWhiteSpace(e.LegalReference));
        });
    }

    [Fact]
    public void Tet_Giap_Thin_2024_has_three_holidays_and_two_compensatory_days()
    {
        Assert.Equal(CalendarDayKind.Holiday, On(2024, 2, 8).Kind);
        Assert.Equal(CalendarDayKind.Holiday, On(2024, 2, 9).Kind);
        Assert.Equal(CalendarDayKind.Holiday, On(2024, 2, 12).Kind);
        Assert.Equal(CalendarDayKind.Compensatory, On(2024, 2, 13).Kind);
        Assert.Equal(CalendarDayKind.Compensatory, On(2024, 2, 14).Kind);
    }

    [Fact]
    public void Gio_To_2024_reference_says_it_is_computed_from_the_lunar_calendar()
    {
        var gioTo = On(2024, 4, 18);

        Assert.Equal("Giỗ Tổ Hùng Vương", gioTo.Name);
        Assert.Contains("10/3 âm lịch", gioTo.LegalReference);
    }

    [Fact]
    public void The_January_2026_swap_cites_the_government_office_letter()
    {
        var swapOff = On(2026, 1, 2);
        var swapWorkday = On(2026, 1, 10);

        Assert.Equal(CalendarDayKind.SwapOff, swapOff.Kind);
        Assert.Equal(CalendarDayKind.SwapWorkday, swapWorkday.Kind);
        Assert.Equal("Công văn 12729/VPCP-KGVX ngày 25/12/2025", swapOff.LegalReference);
        Assert.Equal(swapOff.LegalReference, swapWorkday.LegalReference);
    }

    [Fact]
    public void Tet_Binh_Ngo_2026_cites_the_approved_notice()
    {
        var tet = Schedule.Where(e => e.Name == "Tết Nguyên đán Bính Ngọ").Select(e => e.Date).ToArray();

        Assert.Equal(
            [new(2026, 2, 16), new(2026, 2, 17), new(2026, 2, 18), new(2026, 2, 19), new DateOnly(2026, 2, 20)],
            tet);
        Assert.Contains("13/10/2025", On(2026, 2, 16).LegalReference);
    }

    [Fact]
    public void Statutory_holidays_cite_the_Labour_Code()
    {
        Assert.Equal("Bộ luật Lao động 2019, Điều 112", On(2026, 9, 2).LegalReference);
        Assert.Equal("Bộ luật Lao động 2019, Điều 112", On(2025, 5, 1).LegalReference);
    }

    [Fact]
    public void Vietnamese_Culture_Day_2026_is_not_listed_until_its_status_is_confirmed()
    {
        Assert.DoesNotContain(Schedule, e => e.Date == new DateOnly(2026, 11, 24));
    }

    [Fact]
    public void The_published_list_cannot_be_modified_by_casting()
    {
        Assert.IsNotType<CalendarException[]>(Schedule);
    }
}
