namespace Cchc.Directives.Domain.Tasks;

/// <summary>Mirrors <c>cchc.directives.v1.TaskStatus</c>.</summary>
public enum TaskStatus
{
    NotStarted = 1,
    InProgress = 2,
    DoneOnTime = 3,
    DoneLate = 4,
    Overdue = 5,
    Cancelled = 6,
}

/// <summary>
/// A task's status from its dates and reports, as official reporting counts it (completed on time
/// or late; not completed within the deadline or overdue). Dates are Vietnam calendar days and
/// "today" is always given, so the rule reads the same in a test and in production.
/// </summary>
public static class TaskStatusRule
{
    public static bool IsDone(this TaskStatus status) => status is TaskStatus.DoneOnTime or TaskStatus.DoneLate;

    /// <param name="deadline">Null for an ongoing task, which is never overdue.</param>
    /// <param name="completedOn">The day the completion report the follow-up office confirmed was submitted.</param>
    /// <param name="hasProgress">Any report that was not sent back.</param>
    public static TaskStatus Evaluate(DateOnly? deadline, DateOnly? completedOn, bool hasProgress, bool cancelled, DateOnly today)
    {
        if (cancelled)
        {
            return TaskStatus.Cancelled;
        }
        if (completedOn is { } done)
        {
            // The unit is judged on when it finished, not on how long the follow-up office took to confirm.
            return deadline is { } due && done > due ? TaskStatus.DoneLate : TaskStatus.DoneOnTime;
        }
        if (deadline is { } d && today > d)
        {
            return TaskStatus.Overdue;
        }
        return hasProgress ? TaskStatus.InProgress : TaskStatus.NotStarted;
    }

    /// <summary>
    /// A recurring task from the statuses of its periods so far: overdue while any period's report
    /// is missing past its due day, done once every period of a schedule that has ended is done.
    /// </summary>
    /// <param name="scheduleComplete">The instances are every period the schedule will ever have.</param>
    public static TaskStatus Combine(IReadOnlyCollection<TaskStatus> instances, bool scheduleComplete, bool hasProgress, bool cancelled)
    {
        if (cancelled)
        {
            return TaskStatus.Cancelled;
        }
        if (instances.Contains(TaskStatus.Overdue))
        {
            return TaskStatus.Overdue;
        }
        var done = instances.Count(IsDone);
        if (scheduleComplete && instances.Count > 0 && done == instances.Count)
        {
            return instances.Contains(TaskStatus.DoneLate) ? TaskStatus.DoneLate : TaskStatus.DoneOnTime;
        }
        return hasProgress || done > 0 || instances.Contains(TaskStatus.InProgress) ? TaskStatus.InProgress : TaskStatus.NotStarted;
    }
}
