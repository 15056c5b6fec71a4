using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Tasks;

namespace Cchc.Directives.Tests;

public sealed class ReportScheduleTests
{
    private static readonly DateOnly Start2026 = new(2026, 1, 1);

    [Fact]
    public void A_quarterly_report_due_on_the_15th_of_the_last_month_gives_four_instances_in_2026()
    {
        var schedule = new ReportSchedule(RecurrenceFrequency.Quarterly, DueDay: 15, DueMonth: 0, Start2026, EndsOn: null);

        var periods = schedule.PeriodsDueBy(new DateOnly(2026, 12, 31)).ToList();

        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], periods.Select(p => p.Key));
        Assert.Equal([new DateOnly(2026, 3, 15), new DateOnly(2026, 6, 15), new DateOnly(2026, 9, 15), new DateOnly(2026, 12, 15)], periods.Select(p => p.Due));
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)), (periods[1].Start, periods[1].End));
    }

    [Fact]
    public void A_report_due_before_the_schedule_starts_is_not_an_instance()
    {
        var schedule = new ReportSchedule(RecurrenceFrequency.Quarterly, 15, 0, new DateOnly(2026, 3, 20), null);

        Assert.Equal(["2026-Q2", "2026-Q3"], schedule.PeriodsDueBy(new DateOnly(2026, 9, 30)).Select(p => p.Key));
    }

    [Fact]
    public void A_due_day_past_the_end_of_the_month_falls_on_its_last_day()
    {
        var schedule = new ReportSchedule(RecurrenceFrequency.Monthly, 31, 0, Start2026, null);

        var dues = schedule.PeriodsDueBy(new DateOnly(2026, 4, 30)).Select(p => p.Due);

        Assert.Equal([new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30)], dues);
    }

    [Fact]
    public void A_half_yearly_report_can_be_due_in_the_first_month_of_its_period()
    {
        var schedule = new ReportSchedule(RecurrenceFrequency.HalfYearly, 10, 1, Start2026, new DateOnly(2027, 12, 31));

        var all = schedule.AllPeriods()!;

        Assert.Equal(["2026-H1", "2026-H2", "2027-H1", "2027-H2"], all.Select(p => p.Key));
        Assert.Equal(new DateOnly(2026, 7, 10), all[1].Due);
    }

    [Fact]
    public void A_schedule_without_end_has_no_complete_list_and_a_yearly_one_is_keyed_by_year()
    {
        var open = new ReportSchedule(RecurrenceFrequency.Yearly, 20, 0, Start2026, null);

        Assert.Null(open.AllPeriods());
        Assert.Equal(new DateOnly(2026, 12, 20), open.FindPeriod("2026")!.Due);
    }

    [Theory]
    [InlineData("2026-Q2", true)]
    [InlineData("2025-Q4", false)]
    [InlineData("2026-Q5", false)]
    [InlineData("2026-04", false)]
    [InlineData("Q2-2026", false)]
    public void Only_periods_the_schedule_has_are_found(string key, bool found)
    {
        var schedule = new ReportSchedule(RecurrenceFrequency.Quarterly, 15, 0, Start2026, null);

        Assert.Equal(found, schedule.FindPeriod(key) is not null);
    }

    [Fact]
    public void Impossible_numbers_are_reported_by_field()
    {
        var schedule = new ReportSchedule(RecurrenceFrequency.Quarterly, 32, 4, Start2026, new DateOnly(2025, 1, 1));

        Assert.Equal(["due_day", "due_month", "ends_on"], schedule.Problems().Select(p => p.Field));
    }
}
