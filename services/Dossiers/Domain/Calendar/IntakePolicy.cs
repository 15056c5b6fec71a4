namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>How a desk turns a receipt time into the start of the legal clock.</summary>
public sealed record IntakePolicy
{
    public IntakePolicy(TimeOnly afternoonCutoff, WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        AfternoonCutoff = afternoonCutoff;
        Hours = hours;
    }

    public static IntakePolicy Default { get; } = new(new TimeOnly(15, 0), WorkingHours.Default);

    /// <summary>Dossiers received at or after this time start their clock on the next working day.</summary>
    public TimeOnly AfternoonCutoff { get; }

    public WorkingHours Hours { get; }
}
