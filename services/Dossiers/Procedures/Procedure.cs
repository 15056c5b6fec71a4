using Microsoft.Extensions.Hosting;
using System.Text.RegularExpressions;
using Cchc.Dossiers.Records;

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

public sealed class ProcedureFee
{
    public required string Name { get; init; }
    public FeeKind Kind { get; init; }
    public long AmountVnd { get; init; }
}

/// <summary>One component of the dossier (thành phần hồ sơ) the procedure asks for.</summary>
public sealed class RequiredPaper
{
    /// <summary>The component code (MaThanhPhanHoSo), or empty.</summary>
    public string Code { get; init; } = "";
    public required string Name { get; init; }
    public PaperKind Kind { get; init; }
    public int Count { get; init; }
}

/// <summary>One step of the procedure's internal process.</summary>
public sealed class ProcessStep
{
    public required string Name { get; init; }
    /// <summary>Empty for the procedure's processing unit.</summary>
    public string UnitCode { get; init; } = "";
    /// <summary>One of the Cchc roles (<c>processing_officer</c>, …).</summary>
    public required string Role { get; init; }
    /// <summary>In the procedure's statutory unit.</summary>
    public decimal Allowance { get; init; }
}

/// <summary>Mirrors <c>cchc.dossiers.v1.DurationUnit</c>.</summary>
public enum StatutoryUnit
{
    Unspecified = 0,
    WorkingHours = 1,
    WorkingDays = 2,
    CalendarDays = 3,
    Months = 4,
}

/// <summary>Mirrors <c>cchc.dossiers.v1.OnlineLevel</c>.</summary>
public enum OnlineLevel
{
    Unspecified = 0,
    None = 1,
    Partial = 2,
    Full = 3,
}

/// <summary>Mirrors <c>cchc.dossiers.v1.FeeKind</c>.</summary>
public enum FeeKind
{
    Fee = 1,
    Charge = 2,
}

/// <summary>Mirrors <c>cchc.dossiers.v1.ResultKind</c>; unspecified when the catalogue does not say.</summary>
public enum ResultKind
{
    Unspecified = 0,
    Licence = 1,
    Certificate = 2,
    Confirmation = 3,
    Decision = 4,
    Other = 5,
}
