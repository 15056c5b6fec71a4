namespace Cchc.Directives.Domain.Tasks;

/// <summary>Mirrors <c>cchc.directives.v1.RecurrenceFrequency</c>.</summary>
public enum RecurrenceFrequency
{
    Monthly = 1,
    Quarterly = 2,
    HalfYearly = 3,
    Yearly = 4,
}

/// <summary>One period of a recurring task and the day its report is due.</summary>
public sealed record ReportPeriod(string Key, DateOnly Start, DateOnly End, DateOnly Due);

/// <summary>
/// A recurring report (báo cáo định kỳ): due once per calendar period on <see cref="DueDay"/> of the
/// period's <see cref="DueMonth"/> (1 = first month, 0 = last). Reporting rules usually fix a day of
/// the period's last month — e.g. "chậm nhất ngày 20 của tháng cuối quý" — and this covers that and
/// a report due at the start of a period alike.
/// </summary>
public sealed record ReportSchedule(RecurrenceFrequency Frequency, int DueDay, int DueMonth, DateOnly StartsOn, DateOnly? EndsOn)
{
    /// <summary>A hard stop for materialising, far beyond any horizon a caller needs.</summary>
    public const int MaxInstances = 1200;

    public int MonthsPerPeriod => Frequency switch
    {
        RecurrenceFrequency.Monthly => 1,
        RecurrenceFrequency.Quarterly => 3,
        RecurrenceFrequency.HalfYearly => 6,
        _ => 12,
    };

    /// <summary>What is wrong with the schedule's numbers, each as (field, description); empty when valid.</summary>
    public IEnumerable<(string Field, string Description)> Problems()
    {
        if (DueDay is < 1 or > 31)
        {
            yield return ("due_day", "must be a day of the month, 1 to 31");
        }
        if (DueMonth < 0 || DueMonth > MonthsPerPeriod)
        {
            yield return ("due_month", $"must be 0 (the period's last month) or 1 to {MonthsPerPeriod}");
        }
        if (EndsOn is { } end && end < StartsOn)
        {
            yield return ("ends_on", "must not be before starts_on");
        }
    }

    /// <summary>Every period whose report is due from <see cref="StartsOn"/> up to and including <paramref name="until"/>.</summary>
    public IEnumerable<ReportPeriod> PeriodsDueBy(DateOnly until)
    {
        var start = PeriodStart(StartsOn);
        for (var count = 0; count < MaxInstances; start = start.AddMonths(MonthsPerPeriod))
        {
            if (EndsOn is { } end && start > end)
            {
                yield break;
            }
            var period = PeriodAt(start);
            if (period.Due > until)
            {
                yield break;
            }
            if (period.Due >= StartsOn)
            {
                count++;
                yield return period;
            }
        }
    }

    /// <summary>Every period the schedule will ever have, or null when it has no end.</summary>
    public IReadOnlyList<ReportPeriod>? AllPeriods() => EndsOn is null ? null : PeriodsDueBy(DateOnly.MaxValue).ToList();

    /// <summary>The period named by a key such as "2026-Q1", when the schedule has it.</summary>
    public ReportPeriod? FindPeriod(string key)
    {
        if (Parse(key) is not { } start)
        {
            return null;
        }
        var period = PeriodAt(start);
        return period.Due >= StartsOn && (EndsOn is null || start <= EndsOn) ? period : null;
    }

    private DateOnly PeriodStart(DateOnly day) => new(day.Year, (day.Month - 1) / MonthsPerPeriod * MonthsPerPeriod + 1, 1);

    private ReportPeriod PeriodAt(DateOnly start)
    {
        var end = start.AddMonths(MonthsPerPeriod).AddDays(-1);
        var dueMonth = start.AddMonths((DueMonth == 0 ? MonthsPerPeriod : DueMonth) - 1);
        var due = new DateOnly(dueMonth.Year, dueMonth.Month, Math.Min(DueDay, DateTime.DaysInMonth(dueMonth.Year, dueMonth.Month)));
        var index = (start.Month - 1) / MonthsPerPeriod + 1;
        var key = Frequency switch
        {
            RecurrenceFrequency.Monthly => $"{start.Year:D4}-{start.Month:D2}",
            RecurrenceFrequency.Quarterly => $"{start.Year:D4}-Q{index}",
            RecurrenceFrequency.HalfYearly => $"{start.Year:D4}-H{index}",
            _ => $"{start.Year:D4}",
        };
        return new ReportPeriod(key, start, end, due);
    }

    private DateOnly? Parse(string key)
    {
        if (key.Length < 4 || !int.TryParse(key[..4], out var year) || year is < 1900 or > 9999)
        {
            return null;
        }
        var rest = key[4..];
        int month;
        switch (Frequency)
        {
            case RecurrenceFrequency.Yearly when rest.Length == 0:
                return new DateOnly(year, 1, 1);
            case RecurrenceFrequency.Monthly when rest.Length == 3 && rest[0] == '-' && int.TryParse(rest[1..], out month) && month is >= 1 and <= 12:
                return new DateOnly(year, month, 1);
            case RecurrenceFrequency.Quarterly when rest.Length == 3 && rest[..2] == "-Q" && rest[2] is >= '1' and <= '4':
                return new DateOnly(year, (rest[2] - '1') * 3 + 1, 1);
            case RecurrenceFrequency.HalfYearly when rest.Length == 3 && rest[..2] == "-H" && rest[2] is '1' or '2':
                return new DateOnly(year, (rest[2] - '1') * 6 + 1, 1);
            default:
                return null;
        }
    }
}
