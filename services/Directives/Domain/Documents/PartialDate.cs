using System.Globalization;
using System.Text.RegularExpressions;

namespace Cchc.Directives.Domain.Documents;

/// <summary>
/// A date as far as the source gives it. Drafts are printed "ngày   tháng 12 năm 2023" and filled
/// in by hand, so a copy may carry only the month or only the year; the register keeps what is
/// known rather than invent a day.
/// </summary>
public readonly partial record struct PartialDate(int Year, int? Month, int? Day)
{
    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        int? month = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : null;
        int? day = match.Groups["d"].Success ? int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture) : null;
        if (year < 1900 || month is < 1 or > 12 || (day is { } d && (d < 1 || d > DateTime.DaysInMonth(year, month!.Value))))
        {
            return false;
        }
        date = new PartialDate(year, month, day);
        return true;
    }

    public DateOnly? ToDate() => Month is { } m && Day is { } d ? new DateOnly(Year, m, d) : null;

    /// <summary>Orders by what is known; an unknown month or day sorts before the known ones of the same year or month.</summary>
    public string SortKey => $"{Year:D4}-{Month ?? 0:D2}-{Day ?? 0:D2}";

    public override string ToString() => (Month, Day) switch
    {
        ({ } m, { } d) => $"{Year:D4}-{m:D2}-{d:D2}",
        ({ } m, null) => $"{Year:D4}-{m:D2}",
        _ => $"{Year:D4}",
    };

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2}))?)?$")]
    private static partial Regex Pattern();
}
