namespace Cchc.Directives.Tasks;

/// <summary>A task as its reports leave it on a given day.</summary>
public sealed record TaskStanding(TaskStatus Status, int ReportedPercent, bool AwaitingConfirmation, DateOnly? CompletedOn, ProgressReport? LatestReport)
{
    public bool Done => Status.IsDone();
}

/// <summary>One period of a recurring task as its reports leave it.</summary>
public sealed record InstanceStanding(ReportPeriod Period, TaskStatus Status, DateOnly? CompletedOn);

/// <summary>
/// Reads a task's standing off its reports: a report sent back no longer counts; a confirmed
/// report of 100% completes the task (or its period) on the day it was submitted.
/// </summary>
public static class TaskProgress
{
    public static TaskStanding Evaluate(DirectiveTask task, IReadOnlyCollection<ProgressReport> reports, DateOnly today)
    {
        var counting = reports.Where(r => r.TaskId == task.Id && r.Counts).ToList();
        var latest = counting.MaxBy(r => r.ReportedAt);
        var confirmedPeriods = counting.Where(r => r.State == ReportState.Confirmed).Select(r => r.Period).ToHashSet();
        var awaiting = !task.Cancelled && counting.Any(r => r.State == ReportState.Submitted && r.Percent == 100 && !confirmedPeriods.Contains(r.Period));

        TaskStatus status;
        DateOnly? completedOn;
        if (task.Schedule is { } schedule)
        {
            var periods = schedule.AllPeriods() ?? schedule.PeriodsDueBy(today).ToList();
            var instances = Instances(task, periods, counting, today);
            status = TaskStatusRule.Combine(instances.Select(i => i.Status).ToList(), scheduleComplete: schedule.EndsOn is not null,
                hasProgress: counting.Count > 0, cancelled: task.Cancelled);
            completedOn = status.IsDone() ? instances.Max(i => i.CompletedOn) : null;
        }
        else
        {
            completedOn = CompletedOn(counting, period: "");
            status = TaskStatusRule.Evaluate(task.Deadline, completedOn, hasProgress: counting.Count > 0, task.Cancelled, today);
        }
        var percent = status.IsDone() ? 100 : latest?.Percent ?? 0;
        return new TaskStanding(status, percent, awaiting, completedOn, latest);
    }

    /// <summary>The standing of each of <paramref name="periods"/> of a recurring task.</summary>
    public static IReadOnlyList<InstanceStanding> Instances(DirectiveTask task, IEnumerable<ReportPeriod> periods, IReadOnlyCollection<ProgressReport> reports, DateOnly today)
    {
        var counting = reports.Where(r => r.TaskId == task.Id && r.Counts).ToList();
        return periods.Select(period =>
        {
            var completedOn = CompletedOn(counting, period.Key);
            var status = TaskStatusRule.Evaluate(period.Due, completedOn, counting.Any(r => r.Period == period.Key), task.Cancelled, today);
            return new InstanceStanding(period, status, completedOn);
        }).ToList();
    }

    private static DateOnly? CompletedOn(IEnumerable<ProgressReport> counting, string period) =>
        counting.FirstOrDefault(r => r.State == ReportState.Confirmed && r.Period == period) is { } confirmed
            ? VietnamDate.On(confirmed.ReportedAt)
            : null;
}
