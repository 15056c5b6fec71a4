using Cchc.Directives.Tasks;
using TaskStatus = Cchc.Directives.Tasks.TaskStatus;

namespace Cchc.Directives.Tests.Rules;

public sealed class TaskProgressTests
{
    private static readonly DateOnly Deadline = new(2026, 3, 31);

    private static readonly DirectiveTask Task = new() { Number = "1", LeadUnitCode = "QT.SKHCN.VP", Deadline = Deadline };

    private static ProgressReport Report(int percent, DateOnly on, ReportState state = ReportState.Submitted, string period = "") => new()
    {
        TaskId = Task.Id, Percent = percent, Period = period, State = state,
        ReportedAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(16, 0)), VietnamDate.Offset).ToUniversalTime(),
    };

    [Fact]
    public void Completion_counts_from_the_day_the_unit_reported_it_not_the_day_the_office_confirmed_it()
    {
        var standing = TaskProgress.Evaluate(Task, [Report(100, Deadline, ReportState.Confirmed)], today: new DateOnly(2026, 4, 10));

        Assert.Equal((TaskStatus.DoneOnTime, Deadline, 100), (standing.Status, standing.CompletedOn, standing.ReportedPercent));
    }

    [Fact]
    public void A_report_sent_back_no_longer_counts_toward_progress()
    {
        var reports = new[] { Report(40, new DateOnly(2026, 2, 1)), Report(100, new DateOnly(2026, 3, 1), ReportState.SentBack) };

        var standing = TaskProgress.Evaluate(Task, reports, today: new DateOnly(2026, 3, 2));

        Assert.Equal((TaskStatus.InProgress, 40, false), (standing.Status, standing.ReportedPercent, standing.AwaitingConfirmation));
    }

    [Fact]
    public void A_completion_report_waits_for_confirmation_and_the_task_turns_overdue_meanwhile_if_the_deadline_passes()
    {
        var standing = TaskProgress.Evaluate(Task, [Report(100, Deadline)], today: Deadline.AddDays(1));

        Assert.Equal((TaskStatus.Overdue, true), (standing.Status, standing.AwaitingConfirmation));
    }

    [Fact]
    public void Each_period_of_a_recurring_task_is_judged_on_its_own_due_day()
    {
        var recurring = new DirectiveTask { Number = "TCTH", LeadUnitCode = "QT.SKHCN.VP" };
        recurring.SetSchedule(null, new ReportSchedule(RecurrenceFrequency.Quarterly, 20, 0, new DateOnly(2026, 1, 1), null));
        var q1 = new ProgressReport { TaskId = recurring.Id, Period = "2026-Q1", Percent = 100, State = ReportState.Confirmed,
            ReportedAt = new DateTimeOffset(2026, 3, 25, 9, 0, 0, VietnamDate.Offset) };

        var instances = TaskProgress.Instances(recurring, recurring.Schedule!.PeriodsDueBy(new DateOnly(2026, 9, 30)), [q1], today: new DateOnly(2026, 7, 1));

        Assert.Equal([TaskStatus.DoneLate, TaskStatus.Overdue, TaskStatus.NotStarted], instances.Select(i => i.Status));
    }
}
