using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Tasks;
using Cchc.SharedKernel.Calendar;
using TaskStatus = Cchc.Directives.Domain.Tasks.TaskStatus;

namespace Cchc.Directives.Tests;

public sealed class TaskProgressTests
{
    private static readonly DateOnly Deadline = new(2026, 3, 31);
    private static readonly WorkingCalendar Weekdays = WorkingCalendar.WeekdaysOnly;

    // Tết Nguyên đán Bính Ngọ 2026 as the official schedule gives it: Monday 16 to Friday 20 February off.
    private static readonly WorkingCalendar Tet2026 = new(Enumerable.Range(16, 5).Select(day =>
        new CalendarException(new DateOnly(2026, 2, day), CalendarDayKind.Holiday, "Tết Nguyên đán Bính Ngọ", "Bộ luật Lao động 2019, Điều 112")));

    private static readonly DirectiveTask Task = new() { Number = "1", LeadUnitCode = "QT.SKHCN.VP", Deadline = Deadline };

    private static ProgressReport Report(int percent, DateOnly on, ReportState state = ReportState.Submitted, string period = "") => new()
    {
        TaskId = Task.Id, Percent = percent, Period = period, State = state,
        ReportedAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(16, 0)), VietnamTime.Offset).ToUniversalTime(),
    };

    [Fact]
    public void Completion_counts_from_the_day_the_unit_reported_it_not_the_day_the_office_confirmed_it()
    {
        var standing = TaskProgress.Evaluate(Task, [Report(100, Deadline, ReportState.Confirmed)], today: new DateOnly(2026, 4, 10), Weekdays);

        Assert.Equal((TaskStatus.DoneOnTime, Deadline, 100), (standing.Status, standing.CompletedOn, standing.ReportedPercent));
    }

    [Fact]
    public void A_report_sent_back_no_longer_counts_toward_progress()
    {
        var reports = new[] { Report(40, new DateOnly(2026, 2, 1)), Report(100, new DateOnly(2026, 3, 1), ReportState.SentBack) };

        var standing = TaskProgress.Evaluate(Task, reports, today: new DateOnly(2026, 3, 2), Weekdays);

        Assert.Equal((TaskStatus.InProgress, 40, false), (standing.Status, standing.ReportedPercent, standing.AwaitingConfirmation));
    }

    [Fact]
    public void A_completion_report_waits_for_confirmation_and_the_task_turns_overdue_meanwhile_if_the_deadline_passes()
    {
        var standing = TaskProgress.Evaluate(Task, [Report(100, Deadline)], today: Deadline.AddDays(1), Weekdays);

        Assert.Equal((TaskStatus.Overdue, true), (standing.Status, standing.AwaitingConfirmation));
    }

    [Fact]
    public void Each_period_of_a_recurring_task_is_judged_on_its_own_due_day()
    {
        var recurring = new DirectiveTask { Number = "TCTH", LeadUnitCode = "QT.SKHCN.VP" };
        recurring.SetSchedule(null, new ReportSchedule(RecurrenceFrequency.Quarterly, 20, 0, new DateOnly(2026, 1, 1), null));
        var q1 = new ProgressReport { TaskId = recurring.Id, Period = "2026-Q1", Percent = 100, State = ReportState.Confirmed,
            ReportedAt = new DateTimeOffset(2026, 3, 25, 9, 0, 0, VietnamTime.Offset) };

        var instances = TaskProgress.Instances(recurring, recurring.Schedule!.PeriodsDueBy(new DateOnly(2026, 9, 30)), [q1], today: new DateOnly(2026, 7, 1), Weekdays);

        Assert.Equal([TaskStatus.DoneLate, TaskStatus.Overdue, TaskStatus.NotStarted], instances.Select(i => i.Status));
    }

    [Fact]
    public void A_deadline_on_a_Saturday_ends_on_the_Monday_after_it()
    {
        var dueSaturday = new DirectiveTask { Number = "2", LeadUnitCode = "QT.SKHCN.VP", Deadline = new DateOnly(2026, 3, 28) };

        var monday = TaskProgress.Evaluate(dueSaturday, [], today: new DateOnly(2026, 3, 30), Weekdays);
        var tuesday = TaskProgress.Evaluate(dueSaturday, [], today: new DateOnly(2026, 3, 31), Weekdays);

        Assert.Equal((TaskStatus.NotStarted, new DateOnly(2026, 3, 30), 0), (monday.Status, monday.DueOn, monday.WorkingDaysLate));
        Assert.Equal((TaskStatus.Overdue, 1), (tuesday.Status, tuesday.WorkingDaysLate));
    }

    [Fact]
    public void A_deadline_in_the_Tet_break_ends_on_the_first_working_day_after_it_and_the_break_is_not_counted_as_late()
    {
        var dueInTet = new DirectiveTask { Number = "3", LeadUnitCode = "QT.SKHCN.VP", Deadline = new DateOnly(2026, 2, 17) };
        var dueBeforeTet = new DirectiveTask { Number = "4", LeadUnitCode = "QT.SKHCN.VP", Deadline = new DateOnly(2026, 2, 13) };

        var inTet = TaskProgress.Evaluate(dueInTet, [], today: new DateOnly(2026, 2, 23), Tet2026);
        var beforeTet = TaskProgress.Evaluate(dueBeforeTet, [], today: new DateOnly(2026, 2, 24), Tet2026);

        Assert.Equal((TaskStatus.NotStarted, new DateOnly(2026, 2, 23)), (inTet.Status, inTet.DueOn));
        Assert.Equal((TaskStatus.Overdue, 2), (beforeTet.Status, beforeTet.WorkingDaysLate));
    }

    [Fact]
    public void A_recurring_report_due_on_a_Saturday_is_due_on_the_Monday_and_the_task_shows_its_next_open_period()
    {
        var recurring = new DirectiveTask { Number = "TCTH", LeadUnitCode = "QT.SKHCN.VP" };
        recurring.SetSchedule(null, new ReportSchedule(RecurrenceFrequency.Quarterly, 20, 0, new DateOnly(2026, 4, 1), null));

        var standing = TaskProgress.Evaluate(recurring, [], today: new DateOnly(2026, 6, 22), Weekdays);
        var instance = TaskProgress.Instances(recurring, recurring.Schedule!.PeriodsDueBy(new DateOnly(2026, 6, 30)), [], new DateOnly(2026, 6, 22), Weekdays).Single();

        Assert.Equal((new DateOnly(2026, 6, 20), new DateOnly(2026, 6, 22), TaskStatus.NotStarted), (instance.Period.Due, instance.DueOn, instance.Status));
        Assert.Equal((TaskStatus.NotStarted, new DateOnly(2026, 6, 22)), (standing.Status, standing.DueOn));
    }
}
