using Cchc.Dossiers.Domain.Lifecycle;

namespace Cchc.Dossiers.Lifecycle;

/// <summary>
/// One row of the process-control sheet: the unit that held the dossier hands it over, and the
/// step it just finished is judged against its allowance. Append-only, like the audit trail.
/// </summary>
public sealed class DossierStep
{
    public long Id { get; init; }
    public long DossierId { get; init; }
    public required string FromUnitCode { get; init; }
    /// <summary>Empty when the desk returns the result to the applicant.</summary>
    public required string ToUnitCode { get; init; }
    public DossierAction Action { get; init; }
    public required string HandedOverBy { get; init; }
    public required string HandedOverByName { get; init; }
    public DateTimeOffset StepStartedAt { get; init; }
    public DateTimeOffset HandedOverAt { get; init; }
    /// <summary>Working minutes the step was allowed.</summary>
    public int AllowanceMinutes { get; init; }
    /// <summary>Working minutes the step took, supplement pauses excluded.</summary>
    public int UsedMinutes { get; init; }
    public StepOutcome Outcome { get; init; }
}
