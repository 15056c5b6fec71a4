using Cchc.SharedKernel.Calendar;

namespace Cchc.Directives.ChaseUps;

/// <summary>An automatic chase-up due now.</summary>
/// <param name="Step">Working days before the due date (before it), 0 (on it), or the how-manyth after it.</param>
public sealed record ScheduledChaseUp(ChaseUpStage Stage, int Step, int WorkingDaysToDue)
{
    public string Name => Stage switch
    {
        ChaseUpStage.BeforeDue => $"before-{Step}",
        ChaseUpStage.OnDue => "on",
        _ => $"after-{Step}",
    };
}

/// <summary>
/// When a task (or a period of a recurring task) due on a working day is chased up, on the working
/// calendar: a configured number of working days before, on the day, then every so many working
/// days after while it is not done. Only the latest stage reached is due: a scanner that was stopped
/// through several stages sends one chase-up, not every one it missed.
/// </summary>
public static class ChaseUpSchedule
{
    public static ScheduledChaseUp? DueNow(DateOnly dueOn, DateOnly today, WorkingCalendar calendar, ChaseUpOptions options)
    {
        if (today < dueOn)
        {
            var left = calendar.CountWorkingDays(today, dueOn);
            // The smallest offset reached is the most recent stage.
            foreach (var before in options.BeforeDue)
            {
                if (calendar.SubtractWorkingDays(dueOn, before) <= today)
                {
                    return new ScheduledChaseUp(ChaseUpStage.BeforeDue, before, left);
                }
            }
            return null;
        }
        if (today == dueOn)
        {
            return options.OnDue ? new ScheduledChaseUp(ChaseUpStage.OnDue, 0, 0) : null;
        }
        var late = calendar.CountWorkingDays(dueOn, today);
        if (options.AfterDueEveryWorkingDays <= 0 || late < options.AfterDueEveryWorkingDays)
        {
            return null;
        }
        return new ScheduledChaseUp(ChaseUpStage.AfterDue, late / options.AfterDueEveryWorkingDays, -late);
    }

    /// <summary>A recurring report is announced as due from so many working days before its due date until that day.</summary>
    public static bool ReportDueNow(DateOnly dueOn, DateOnly today, WorkingCalendar calendar, ChaseUpOptions options) =>
        today <= dueOn && calendar.SubtractWorkingDays(dueOn, Math.Max(0, options.ReportDueWorkingDaysBefore)) <= today;
}
