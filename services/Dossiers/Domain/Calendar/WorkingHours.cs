namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>The two daily working sessions of a one-stop desk (local time).</summary>
public sealed record WorkingHours
{
    public WorkingHours(TimeOnly morningStart, TimeOnly morningEnd, TimeOnly afternoonStart, TimeOnly afternoonEnd)
    {
        if (!(morningStart < morningEnd && morningEnd <= afternoonStart && afternoonStart < afternoonEnd))
        {
            throw new ArgumentException(
                $"Working sessions must be ordered: morning {morningStart:HH\\:mm}–{morningEnd:HH\\:mm}, " +
                $"afternoon {afternoonStart:HH\\:mm}–{afternoonEnd:HH\\:mm}.");
        }

        MorningStart = morningStart;
        MorningEnd = morningEnd;
        AfternoonStart = afternoonStart;
        AfternoonEnd = afternoonEnd;
    }

    public static WorkingHours Default { get; } =
        new(new TimeOnly(7, 30), new TimeOnly(11, 30), new TimeOnly(13, 30), new TimeOnly(17, 0));

    // Get-only (not init) so that a `with` expression cannot bypass the ordering check.
    public TimeOnly MorningStart { get; }
    public TimeOnly MorningEnd { get; }
    public TimeOnly AfternoonStart { get; }
    public TimeOnly AfternoonEnd { get; }

    public TimeSpan MorningLength => MorningEnd - MorningStart;
    public TimeSpan AfternoonLength => AfternoonEnd - AfternoonStart;
    public TimeSpan DailyLength => MorningLength + AfternoonLength;

    /// <summary>True inside a session; sessions are half-open, so 11:30 and 17:00 are already outside.</summary>
    public bool IsWithinWorkingHours(TimeOnly time) =>
        (time >= MorningStart && time < MorningEnd) || (time >= AfternoonStart && time < AfternoonEnd);

    public bool IsBeforeStart(TimeOnly time) => time < MorningStart;

    public bool IsAtOrAfterEnd(TimeOnly time) => time >= AfternoonEnd;

    public bool IsLunchBreak(TimeOnly time) => time >= MorningEnd && time < AfternoonStart;
}
