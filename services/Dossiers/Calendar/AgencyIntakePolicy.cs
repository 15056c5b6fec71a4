using Cchc.Dossiers.Domain.Calendar;

namespace Cchc.Dossiers.Calendar;

/// <summary>An agency's own afternoon cut-off and working hours; agencies without one use <see cref="IntakePolicy.Default"/>.</summary>
public sealed class AgencyIntakePolicy
{
    public required string AgencyCode { get; init; }
    public TimeOnly AfternoonCutoff { get; set; }
    /// <summary>Which procedures the cut-off applies to when a procedure does not say (default: same-day ones).</summary>
    public AfternoonCutoffScope CutoffScope { get; set; }
    public TimeOnly MorningStart { get; set; }
    public TimeOnly MorningEnd { get; set; }
    public TimeOnly AfternoonStart { get; set; }
    public TimeOnly AfternoonEnd { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IntakePolicy ToDomain() =>
        new(AfternoonCutoff, new WorkingHours(MorningStart, MorningEnd, AfternoonStart, AfternoonEnd), CutoffScope);
}
