using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Tasks;
using TaskStatus = Cchc.Directives.Domain.Tasks.TaskStatus;

namespace Cchc.Directives.Tests;

public sealed class TaskStatusRuleTests
{
    private static readonly DateOnly Deadline = new(2026, 3, 31);

    [Fact]
    public void A_task_confirmed_as_finished_on_its_deadline_is_done_on_time()
    {
        var status = TaskStatusRule.Evaluate(Deadline, completedOn: Deadline, hasProgress: true, cancelled: false, today: new DateOnly(2026, 5, 1));

        Assert.Equal(TaskStatus.DoneOnTime, status);
    }

    [Fact]
    public void A_task_finished_the_day_after_its_deadline_is_done_late_for_good()
    {
        var status = TaskStatusRule.Evaluate(Deadline, completedOn: new DateOnly(2026, 4, 1), hasProgress: true, cancelled: false, today: new DateOnly(2027, 1, 1));

        Assert.Equal(TaskStatus.DoneLate, status);
    }

    [Fact]
    public void An_unfinished_task_becomes_overdue_the_day_after_its_deadline_and_not_on_it()
    {
        var onTheDay = TaskStatusRule.Evaluate(Deadline, null, hasProgress: true, cancelled: false, today: Deadline);
        var dayAfter = TaskStatusRule.Evaluate(Deadline, null, hasProgress: true, cancelled: false, today: Deadline.AddDays(1));

        Assert.Equal(TaskStatus.InProgress, onTheDay);
        Assert.Equal(TaskStatus.Overdue, dayAfter);
    }

    [Fact]
    public void A_task_without_reports_before_its_deadline_is_not_started()
    {
        Assert.Equal(TaskStatus.NotStarted, TaskStatusRule.Evaluate(Deadline, null, hasProgress: false, cancelled: false, today: new DateOnly(2026, 1, 5)));
    }

    [Fact]
    public void A_cancelled_task_is_cancelled_whatever_its_dates_and_reports()
    {
        var overdueOtherwise = TaskStatusRule.Evaluate(Deadline, null, hasProgress: true, cancelled: true, today: new DateOnly(2027, 1, 1));
        var doneOtherwise = TaskStatusRule.Evaluate(Deadline, Deadline, hasProgress: true, cancelled: true, today: new DateOnly(2027, 1, 1));

        Assert.Equal(TaskStatus.Cancelled, overdueOtherwise);
        Assert.Equal(TaskStatus.Cancelled, doneOtherwise);
    }

    [Fact]
    public void An_ongoing_task_without_deadline_is_never_overdue_and_done_on_time_when_confirmed()
    {
        Assert.Equal(TaskStatus.InProgress, TaskStatusRule.Evaluate(null, null, hasProgress: true, cancelled: false, today: new DateOnly(2099, 1, 1)));
        Assert.Equal(TaskStatus.DoneOnTime, TaskStatusRule.Evaluate(null, new DateOnly(2026, 6, 1), hasProgress: true, cancelled: false, today: new DateOnly(2099, 1, 1)));
    }

    [Fact]
    public void A_recurring_task_is_overdue_while_any_past_period_lacks_its_report()
    {
        var status = TaskStatusRule.Combine([TaskStatus.DoneOnTime, TaskStatus.Overdue, TaskStatus.NotStarted], scheduleComplete: false, hasProgress: true, cancelled: false);

        Assert.Equal(TaskStatus.Overdue, status);
    }

    [Fact]
    public void A_recurring_task_with_no_end_stays_in_progress_however_many_periods_are_done()
    {
        var status = TaskStatusRule.Combine([TaskStatus.DoneOnTime, TaskStatus.DoneOnTime], scheduleComplete: false, hasProgress: true, cancelled: false);

        Assert.Equal(TaskStatus.InProgress, status);
    }

    [Fact]
    public void A_finished_schedule_is_done_late_when_any_period_was_late()
    {
        var late = TaskStatusRule.Combine([TaskStatus.DoneOnTime, TaskStatus.DoneLate], scheduleComplete: true, hasProgress: true, cancelled: false);
        var onTime = TaskStatusRule.Combine([TaskStatus.DoneOnTime, TaskStatus.DoneOnTime], scheduleComplete: true, hasProgress: true, cancelled: false);

        Assert.Equal(TaskStatus.DoneLate, late);
        Assert.Equal(TaskStatus.DoneOnTime, onTime);
    }
}
