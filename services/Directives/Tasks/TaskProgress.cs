using Cchc.Directives.Domain.Tasks;
using Cchc.SharedKernel.Calendar;
using TaskStatus = Cchc.Directives.Domain.Tasks.TaskStatus;

namespace Cchc.Directives.Tasks;

/// <summary>A task as its reports leave it on a given day.</summary>
/// <param name="DueOn">The working day the task (for a recurring task, its earliest period not done) is due; null for an ongoing task.</param>
/// <param name="WorkingDaysLate">Working days past <paramref name="DueOn"/>: until today while overdue, until completion when done late.</param>
public sealed record TaskStanding(TaskStatus Status, int ReportedPercent, bool AwaitingConfirmation, DateOnly? CompletedOn, ProgressReport? LatestReport,
    DateOnly? DueOn = null, int WorkingDaysLate = 0)
{
    public bool Done => Status.IsDone();
}

/// <summary>One period of a recurring task as its reports leave it.</summary>
/// <param name="DueOn">The period's due day moved, when it is not a working day, to the next working day.</param>
public sealed record InstanceStanding(ReportPeriod Period, TaskStatus Status, DateOnly? CompletedOn, DateOnly DueOn, int WorkingDaysLate);

/// <summary>
/// Reads a task's standing off its reports: a report sent back no longer counts; a confirmed
/// report of 100% completes the task (or its period) on the day it was submitted. A deadline that
/// falls on a weekend or a day off of the working calendar ends on the next working day (Bộ luật Dân
/// sự 2015, Điều 148), and lateness is counted in working days.
/// </summary>
public static class TaskProgress
{
    public static TaskStanding Evaluate(DirectiveTask task, IReadOnlyCollection<ProgressReport> reports, DateOnly today, WorkingCalendar calendar)
    {
        var counting = reports.Where(r => r.TaskId == task.Id && r.Counts).ToList();
        var latest = counting.MaxBy(r => r.ReportedAt);
        var confirmedPeriods = counting.Where(r => r.State == ReportState.Confirmed).Select(r => r.Period).ToHashSet();
        var awaiting = !task.Cancelled && counting.Any(r => r.State == ReportState.Submitted && r.Percent == 100 && !confirmedPeriods.Contains(r.Period));

        TaskStatus status;
        DateOnly? completedOn;
        DateOnly? dueOn;
        int late;
        if (task.Schedule is { } schedule)
        {
            var periods = schedule.AllPeriods() ?? schedule.PeriodsDueBy(today).ToList();
            var instances = Instances(task, periods, counting, today, calendar);
            status = TaskStatusRule.Combine(instances.Select(i => i.Status).ToList(), scheduleComplete: schedule.EndsOn is not null,
                hasProgress: counting.Count > 0, cancelled: task.Cancelled);
            completedOn = status.IsDone() ? instances.Max(i => i.CompletedOn) : null;
            late = status switch
            {
                TaskStatus.Overdue => instances.First(i => i.Status == TaskStatus.Overdue).WorkingDaysLate,
                TaskStatus.DoneLate => instances.Max(i => i.WorkingDaysLate),
                _ => 0,
            };
            // The next period too, which PeriodsDueBy(today) leaves out until its day has come.
            dueOn = task.Cancelled ? null
                : Instances(task, schedule.PeriodsDueBy(today.AddMonths(schedule.MonthsPerPeriod + 1)), counting, today, calendar)
                    .FirstOrDefault(i => !i.Status.IsDone())?.DueOn;
        }
        else
        {
            dueOn = task.Deadline is { } deadline ? calendar.OnOrNextWorkingDay(deadline) : null;
            completedOn = CompletedOn(counting, period: "");
            status = TaskStatusRule.Evaluate(dueOn, completedOn, hasProgress: counting.Count > 0, task.Cancelled, today);
            late = WorkingDaysLate(calendar, dueOn, status, completedOn, today);
        }
        var percent = status.IsDone() ? 100 : latest?.Percent ?? 0;
        return new TaskStanding(status, percent, awaiting, completedOn, latest, dueOn, late);
    }

    /// <summary>The standing of each of <paramref name="periods"/> of a recurring task.</summary>
    public static IReadOnlyList<InstanceStanding> Instances(DirectiveTask task, IEnumerable<ReportPeriod> periods, IReadOnlyCollection<ProgressReport> reports,
        DateOnly today, WorkingCalendar calendar)
    {
        var counting = reports.Where(r => r.TaskId == task.Id && r.Counts).ToList();
        return periods.Select(period =>
        {
            var dueOn = calendar.OnOrNextWorkingDay(period.Due);
            var completedOn = CompletedOn(counting, period.Key);
            var status = TaskStatusRule.Evaluate(dueOn, completedOn, counting.Any(r => r.Period == period.Key), task.Cancelled, today);
            return new InstanceStanding(period, status, completedOn, dueOn, WorkingDaysLate(calendar, dueOn, status, completedOn, today));
        }).ToList();
    }

    private static int WorkingDaysLate(WorkingCalendar calendar, DateOnly? dueOn, TaskStatus status, DateOnly? completedOn, DateOnly today) =>
        (status, dueOn) switch
        {
            (TaskStatus.Overdue, { } due) => calendar.CountWorkingDays(due, today),
            (TaskStatus.DoneLate, { } due) => calendar.CountWorkingDays(due, completedOn!.Value),
            _ => 0,
        };

    private static DateOnly? CompletedOn(IEnumerable<ProgressReport> counting, string period) =>
        counting.FirstOrDefault(r => r.State == ReportState.Confirmed && r.Period == period) is { } confirmed
            ? VietnamTime.DateOn(confirmed.ReportedAt)
            : null;
}
