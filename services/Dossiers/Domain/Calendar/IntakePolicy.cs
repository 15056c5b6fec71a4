namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>Which procedures an agency's afternoon cut-off applies to when the procedure does not say.</summary>
public enum AfternoonCutoffScope
{
    /// <summary>
    /// Only same-day procedures ("giải quyết trong ngày": chứng thực, hộ tịch, …), which are returned the
    /// next working day when received after the cut-off. The default: this is where the sources put it.
    /// </summary>
    SameDayProcedures = 0,

    /// <summary>Every procedure: a receipt after the cut-off counts from the next working day (the rule before 2027).</summary>
    AllProcedures = 1,
}

/// <summary>A procedure's own answer to whether the afternoon cut-off applies to it.</summary>
public enum ProcedureCutoff
{
    /// <summary>As the agency's policy says (<see cref="IntakePolicy.CutoffScope"/>).</summary>
    AgencyPolicy = 0,
    Applies = 1,
    DoesNotApply = 2,
}

/// <summary>How a desk turns a receipt time into the start of the legal clock.</summary>
public sealed record IntakePolicy
{
    public IntakePolicy(TimeOnly afternoonCutoff, WorkingHours hours, AfternoonCutoffScope cutoffScope = AfternoonCutoffScope.SameDayProcedures)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (!Enum.IsDefined(cutoffScope))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoffScope), cutoffScope, "Unknown cut-off scope.");
        }
        AfternoonCutoff = afternoonCutoff;
        Hours = hours;
        CutoffScope = cutoffScope;
    }

    public static IntakePolicy Default { get; } = new(new TimeOnly(15, 0), WorkingHours.Default);

    /// <summary>
    /// Dossiers of a procedure the cut-off applies to (<see cref="CutoffAppliesTo"/>) received at or after
    /// this time start their clock on the next working day; others count from the receipt while the desk is open.
    /// </summary>
    public TimeOnly AfternoonCutoff { get; }

    public WorkingHours Hours { get; }

    /// <summary>The procedures the cut-off applies to when the procedure does not say.</summary>
    public AfternoonCutoffScope CutoffScope { get; }

    /// <summary>
    /// Whether the afternoon cut-off applies to a procedure with <paramref name="duration"/>: its own rule,
    /// else the agency's scope — by default only same-day procedures (<see cref="IsSameDay"/>).
    /// </summary>
    public bool CutoffAppliesTo(StatutoryDuration duration, ProcedureCutoff procedureRule = ProcedureCutoff.AgencyPolicy) => procedureRule switch
    {
        ProcedureCutoff.Applies => true,
        ProcedureCutoff.DoesNotApply => false,
        _ => CutoffScope == AfternoonCutoffScope.AllProcedures || IsSameDay(duration),
    };

    /// <summary>
    /// A procedure resolved within the day of receipt: 0 working days, or working hours that fit in one
    /// working day of this desk (7 h 30 min by default).
    /// </summary>
    public bool IsSameDay(StatutoryDuration duration) => duration.Unit switch
    {
        DurationUnit.WorkingDays => duration.Amount == 0,
        DurationUnit.WorkingHours => duration.Amount * 60 <= (decimal)Hours.DailyLength.TotalMinutes,
        _ => false,
    };
}
