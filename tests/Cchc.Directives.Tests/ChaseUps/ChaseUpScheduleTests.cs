using Cchc.Directives.ChaseUps;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Directives.Tests;

public sealed class ChaseUpScheduleTests
{
    private static readonly ChaseUpOptions Defaults = new();

    // Due Friday 27 March 2026; Monday 30 March follows the weekend.
    private static readonly DateOnly Due = new(2026, 3, 27);

    // 30 April and 1 May 2026 are holidays (Thursday and Friday).
    private static readonly WorkingCalendar May2026 = new([
        new CalendarException(new DateOnly(2026, 4, 30), CalendarDayKind.Holiday, "Ngày Chiến thắng", "Bộ luật Lao động 2019, Điều 112"),
        new CalendarException(new DateOnly(2026, 5, 1), CalendarDayKind.Holiday, "Ngày Quốc tế Lao động", "Bộ luật Lao động 2019, Điều 112"),
    ]);

    private static ScheduledChaseUp? On(int month, int day, WorkingCalendar? calendar = null, DateOnly? due = null) =>
        ChaseUpSchedule.DueNow(due ?? Due, new DateOnly(2026, month, day), calendar ?? WorkingCalendar.WeekdaysOnly, Defaults);

    [Fact]
    public void Three_and_one_working_days_before_the_due_date_the_lead_unit_is_chased_up_and_not_in_between()
    {
        Assert.Null(On(3, 23));
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.BeforeDue, 3, 3), On(3, 24));
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.BeforeDue, 3, 2), On(3, 25));
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.BeforeDue, 1, 1), On(3, 26));
        Assert.Equal("before-1", On(3, 26)!.Name);
    }

    [Fact]
    public void On_the_due_date_then_every_three_working_days_after_it_the_weekend_not_counted()
    {
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.OnDue, 0, 0), On(3, 27));
        Assert.Null(On(3, 30));
        Assert.Null(On(3, 31));
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.AfterDue, 1, -3), On(4, 1));
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.AfterDue, 1, -5), On(4, 3));
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.AfterDue, 2, -6), On(4, 6));
    }

    [Fact]
    public void Holidays_are_skipped_when_counting_back_from_a_due_date()
    {
        var dueTuesday = new DateOnly(2026, 5, 5);

        // Working days before Tuesday 5 May: Monday 4, then (30/4 and 1/5 off, the weekend) Wednesday 29 April.
        Assert.Equal(new DateOnly(2026, 4, 29), May2026.SubtractWorkingDays(dueTuesday, 2));
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.BeforeDue, 3, 3), On(4, 28, May2026, dueTuesday));
        Assert.Equal(new ScheduledChaseUp(ChaseUpStage.BeforeDue, 3, 2), On(5, 1, May2026, dueTuesday));
    }

    [Fact]
    public void A_recurring_report_is_announced_from_five_working_days_before_its_due_date_until_that_day()
    {
        bool On(int month, int day) => ChaseUpSchedule.ReportDueNow(Due, new DateOnly(2026, month, day), WorkingCalendar.WeekdaysOnly, Defaults);

        Assert.False(On(3, 19));
        Assert.True(On(3, 20));
        Assert.True(On(3, 27));
        Assert.False(On(3, 30));
    }

    [Fact]
    public void Configured_offsets_replace_the_defaults_and_after_due_chasing_can_be_turned_off()
    {
        var options = new ChaseUpOptions { BeforeDueWorkingDays = [5], OnDue = false, AfterDueEveryWorkingDays = 0 };

        Assert.Equal([5], options.BeforeDue);
        Assert.Equal(ChaseUpStage.BeforeDue, ChaseUpSchedule.DueNow(Due, new DateOnly(2026, 3, 26), WorkingCalendar.WeekdaysOnly, options)!.Stage);
        Assert.Null(ChaseUpSchedule.DueNow(Due, Due, WorkingCalendar.WeekdaysOnly, options));
        Assert.Null(ChaseUpSchedule.DueNow(Due, new DateOnly(2026, 5, 1), WorkingCalendar.WeekdaysOnly, options));
    }

    [Fact]
    public void A_deadline_on_a_day_off_ends_on_the_next_working_day()
    {
        Assert.Equal(new DateOnly(2026, 5, 4), May2026.OnOrNextWorkingDay(new DateOnly(2026, 4, 30)));
        Assert.Equal(new DateOnly(2026, 3, 30), WorkingCalendar.WeekdaysOnly.OnOrNextWorkingDay(new DateOnly(2026, 3, 28)));
        Assert.Equal(Due, WorkingCalendar.WeekdaysOnly.OnOrNextWorkingDay(Due));
    }
}
