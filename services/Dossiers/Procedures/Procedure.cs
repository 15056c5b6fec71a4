using Microsoft.Extensions.Hosting;
using System.Text.RegularExpressions;

namespace Cchc.Dossiers.Procedures;

/// <summary>
/// One version of an administrative procedure (TTHC) in the catalogue. A version is never changed
/// once written (the database refuses it): amending a procedure writes the next version, and a
/// dossier keeps pointing at the version it was received under.
/// </summary>
public sealed partial class Procedure
{
    public required string Code { get; init; }
    public int Version { get; init; } = 1;
    public required string Name { get; init; }
    public required string Field { get; init; }
    public required string AgencyCode { get; init; }
    public string ProcessingUnitCode { get; init; } = "";
    public decimal StatutoryAmount { get; init; }
    public StatutoryUnit StatutoryUnit { get; init; }
    /// <summary>The total of <see cref="Fees"/>, or the one fee when none is itemised.</summary>
    public long FeeVnd { get; init; }
    public OnlineLevel OnlineLevel { get; init; }
    public List<ProcedureFee> Fees { get; init; } = [];
    public List<RequiredPaper> RequiredPapers { get; init; } = [];
    public ResultKind ResultKind { get; init; }
    public string ResultName { get; init; } = "";
    public List<ProcessStep> ProcessSteps { get; init; } = [];
    /// <summary>The target time in the statutory unit; null when the procedure has no target.</summary>
    public decimal? TargetAmount { get; init; }
    /// <summary>The cut the target was given as, when it was given as a cut.</summary>
    public int? TargetCutPercent { get; init; }
    /// <summary>
    /// Whether a receipt after the agency's afternoon cut-off counts from the next working day; by default
    /// the agency's policy decides (same-day procedures only). Versions written before the rule was a
    /// property of the procedure read the default.
    /// </summary>
    public Domain.Calendar.ProcedureCutoff AfternoonCutoff { get; init; }
    public string ChangeNote { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; } = ServiceClock.System.UtcNow();

    /// <summary>National TTHC code: one digit, a dot, six digits (e.g. 2.000815). The leading digit's meaning is undocumented, so the code stays opaque.</summary>
    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex CodePattern();
}
