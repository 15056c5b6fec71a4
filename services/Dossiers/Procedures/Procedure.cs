using Microsoft.Extensions.Hosting;
using System.Text.RegularExpressions;

namespace Cchc.Dossiers.Procedures;

/// <summary>One version of an administrative procedure (TTHC) in the catalogue.</summary>
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
    public long FeeVnd { get; init; }
    public OnlineLevel OnlineLevel { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DatabaseClock.UtcNow();

    /// <summary>National TTHC code: one digit, a dot, six digits (e.g. 2.000815). The leading digit's meaning is undocumented, so the code stays opaque.</summary>
    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex CodePattern();
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
