using System.Globalization;
using System.Text.RegularExpressions;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Indexes.ServiceIndex;

public enum PeriodKind
{
    Month = 1,
    Quarter = 2,
    Year = 3,
}

public enum ScopeKind
{
    /// <summary>The receiving unit (bộ phận một cửa) of the dossiers.</summary>
    Unit = 1,
    /// <summary>The agency that decides the dossiers.</summary>
    Agency = 2,
    /// <summary>The province: the first segment of the agency code.</summary>
    Province = 3,
}

/// <summary>
/// A month ("2026-03"), quarter ("2026-Q1") or year ("2026") of Vietnam time (UTC+07:00, no daylight
/// saving), the calendar the 766 index counts dossiers received in.
/// </summary>
public sealed partial record ReportingPeriod(PeriodKind Kind, int Year, int Number)
{
    public static bool TryParse(PeriodKind kind, string text, out ReportingPeriod period)
    {
        period = null!;
        var match = kind switch
        {
            PeriodKind.Month => MonthPattern().Match(text),
            PeriodKind.Quarter => QuarterPattern().Match(text),
            PeriodKind.Year => YearPattern().Match(text),
            _ => Match.Empty,
        };
        if (!match.Success)
        {
            return false;
        }
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var number = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 0;
        if (year is < 2000 or > 2100 || (kind == PeriodKind.Month && number is < 1 or > 12) || (kind == PeriodKind.Quarter && number is < 1 or > 4))
        {
            return false;
        }
        period = new ReportingPeriod(kind, year, number);
        return true;
    }

    public DateTimeOffset Start => Kind switch
    {
        PeriodKind.Month => new DateTimeOffset(Year, Number, 1, 0, 0, 0, VietnamTime.Offset),
        PeriodKind.Quarter => new DateTimeOffset(Year, (Number - 1) * 3 + 1, 1, 0, 0, 0, VietnamTime.Offset),
        _ => new DateTimeOffset(Year, 1, 1, 0, 0, 0, VietnamTime.Offset),
    };

    /// <summary>The first instant after the period.</summary>
    public DateTimeOffset End => Kind switch
    {
        PeriodKind.Month => Start.AddMonths(1),
        PeriodKind.Quarter => Start.AddMonths(3),
        _ => Start.AddYears(1),
    };

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => $"{Year:D4}-{Number:D2}",
        PeriodKind.Quarter => $"{Year:D4}-Q{Number}",
        _ => $"{Year:D4}",
    };

    /// <summary>The Vietnam calendar month an instant falls in.</summary>
    public static (int Year, int Month) MonthOf(DateTimeOffset instant)
    {
        var local = instant.ToOffset(VietnamTime.Offset);
        return (local.Year, local.Month);
    }

    [GeneratedRegex(@"^(?<y>\d{4})-(?<n>\d{2})$")]
    private static partial Regex MonthPattern();
    [GeneratedRegex(@"^(?<y>\d{4})-Q(?<n>\d)$")]
    private static partial Regex QuarterPattern();
    [GeneratedRegex(@"^(?<y>\d{4})$")]
    private static partial Regex YearPattern();
}

public static class Provinces
{
    /// <summary>The province of an agency: the first segment of its code ("QT" of "QT.SKHCN"), as the organisation registry codes agencies.</summary>
    public static string Of(string agencyCode)
    {
        var dot = agencyCode.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? agencyCode : agencyCode[..dot];
    }
}
