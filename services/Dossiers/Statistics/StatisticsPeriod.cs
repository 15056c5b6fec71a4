using System.Globalization;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Statistics;

/// <summary>The reporting period of a statistics request, as UTC instants [Start, End) of Vietnam days.</summary>
public sealed record StatisticsPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Reads the period and checks it, adding every problem to <paramref name="validation"/>; null when invalid.</summary>
    public static StatisticsPeriod? Parse(GetDossierStatisticsRequest request, Validation validation)
    {
        var byDates = request.FromDate.Length > 0 || request.ToDate.Length > 0;
        if (byDates)
        {
            validation.Require(request.Year == 0 && request.Quarter == 0 && request.Month == 0, "year",
                "give either a year (with a quarter or a month) or from_date and to_date, not both");
            var from = ParseDate(request.FromDate, "from_date", validation);
            var to = ParseDate(request.ToDate, "to_date", validation);
            if (from is null || to is null)
            {
                return null;
            }
            validation.Require(from <= to, "to_date", "must not be before from_date");
            validation.Require(to.Value.DayNumber - from.Value.DayNumber <= 366 * 10, "to_date", "the period may span at most ten years");
            return from <= to ? Of(from.Value, to.Value.AddDays(1)) : null;
        }

        validation.Require(request.Year is >= 2000 and <= 2100, "year", "must be 2000–2100, or give from_date and to_date");
        validation.Require(request.Quarter is >= 0 and <= 4, "quarter", "must be 1–4, or 0 for the whole year");
        validation.Require(request.Month is >= 0 and <= 12, "month", "must be 1–12, or 0 for the whole year");
        validation.Require(request.Quarter == 0 || request.Month == 0, "month", "give a quarter or a month, not both");
        if (request.Year is < 2000 or > 2100 || request.Quarter is < 0 or > 4 || request.Month is < 0 or > 12)
        {
            return null;
        }
        var year = request.Year;
        if (request.Month > 0)
        {
            var first = new DateOnly(year, request.Month, 1);
            return Of(first, first.AddMonths(1));
        }
        if (request.Quarter > 0)
        {
            var first = new DateOnly(year, (request.Quarter - 1) * 3 + 1, 1);
            return Of(first, first.AddMonths(3));
        }
        return Of(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
    }

    private static StatisticsPeriod Of(DateOnly first, DateOnly endExclusive) =>
        new(VietnamTime.FromLocal(first.ToDateTime(TimeOnly.MinValue)).ToUniversalTime(),
            VietnamTime.FromLocal(endExclusive.ToDateTime(TimeOnly.MinValue)).ToUniversalTime());

    private static DateOnly? ParseDate(string value, string field, Validation validation)
    {
        var ok = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                 && date.Year is >= 2000 and <= 2100;
        validation.Require(ok, field, "must be a date YYYY-MM-DD between 2000 and 2100");
        return ok ? date : null;
    }
}
