using System.Diagnostics.CodeAnalysis;

namespace Cchc.SharedKernel.Calendar;

/// <summary>
/// Monday–Friday working week corrected by official exceptions (holidays, compensatory days, swaps).
/// Immutable and safe to share between threads.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, CalendarException> _exceptions;

    // Sorted day numbers let CountWorkingDays adjust a closed-form weekday count
    // instead of walking every day of a long range.
    private readonly int[] _sortedExceptionDays;

    public WorkingCalendar(IEnumerable<CalendarException> exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);

        _exceptions = new Dictionary<DateOnly, CalendarException>();
        foreach (var exception in exceptions)
        {
            Validate(exception);
            if (!_exceptions.TryAdd(exception.Date, exception))
            {
                throw new ArgumentException(
                    $"Duplicate calendar exception for {exception.Date:yyyy-MM-dd} " +
                    $"('{_exceptions[exception.Date].Name}' and '{exception.Name}').",
                    nameof(exceptions));
            }
        }

        _sortedExceptionDays = _exceptions.Keys.Select(d => d.DayNumber).Order().ToArray();
    }

    public static WorkingCalendar WeekdaysOnly { get; } = new([]);

    public IReadOnlyCollection<CalendarException> Exceptions => _exceptions.Values;

    /// <summary>Returns a new calendar with extra exceptions, e.g. a holiday confirmed after the schedule was loaded.</summary>
    public WorkingCalendar With(IEnumerable<CalendarException> additional)
    {
        ArgumentNullException.ThrowIfNull(additional);
        return new WorkingCalendar(_exceptions.Values.Concat(additional));
    }

    public bool TryGetException(DateOnly date, [NotNullWhen(true)] out CalendarException? exception) =>
        _exceptions.TryGetValue(date, out exception);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_exceptions.TryGetValue(date, out var exception))
        {
            return exception.Kind == CalendarDayKind.SwapWorkday;
        }

        return !IsWeekend(date);
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        var candidate = date.AddDays(1);
        while (!IsWorkingDay(candidate))
        {
            candidate = candidate.AddDays(1);
        }

        return candidate;
    }

    /// <summary>
    /// The day a time limit ending on <paramref name="date"/> really ends: that day when it is a working
    /// day, otherwise the next working day (Bộ luật Dân sự 2015, Điều 148: a limit whose last day is a
    /// weekend or a holiday ends at the end of the following working day).
    /// </summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date) => IsWorkingDay(date) ? date : NextWorkingDay(date);

    /// <summary>The last working day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        var candidate = date.AddDays(-1);
        while (!IsWorkingDay(candidate))
        {
            candidate = candidate.AddDays(-1);
        }

        return candidate;
    }

    /// <summary>The <paramref name="workingDays"/>-th working day strictly before <paramref name="from"/>; 0 returns <paramref name="from"/>.</summary>
    public DateOnly SubtractWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);

        var current = from;
        for (var i = 0; i < workingDays; i++)
        {
            current = PreviousWorkingDay(current);
        }

        return current;
    }

    /// <summary>The <paramref name="workingDays"/>-th working day strictly after <paramref name="from"/>; 0 returns <paramref name="from"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);

        var current = from;
        for (var i = 0; i < workingDays; i++)
        {
            current = NextWorkingDay(current);
        }

        return current;
    }

    /// <summary>Working days in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>]; 0 when the range is empty.</summary>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        if (toInclusive <= fromExclusive)
        {
            return 0;
        }

        var count = WeekdaysFromEpochThrough(toInclusive.DayNumber) - WeekdaysFromEpochThrough(fromExclusive.DayNumber);

        var index = LowerBound(_sortedExceptionDays, fromExclusive.DayNumber + 1);
        for (; index < _sortedExceptionDays.Length && _sortedExceptionDays[index] <= toInclusive.DayNumber; index++)
        {
            // Validation guarantees SwapWorkday sits on a weekend and every other kind on a weekday,
            // so each exception flips exactly one day relative to the plain weekday count.
            var kind = _exceptions[DateOnly.FromDayNumber(_sortedExceptionDays[index])].Kind;
            count += kind == CalendarDayKind.SwapWorkday ? 1 : -1;
        }

        return count;
    }

    private static bool IsWeekend(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    // DayNumber 0 (0001-01-01) is a Monday, so day numbers map to weekdays by position modulo 7.
    private static int WeekdaysFromEpochThrough(int dayNumber)
    {
        var days = dayNumber + 1;
        return (days / 7 * 5) + Math.Min(days % 7, 5);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        var index = Array.BinarySearch(sorted, value);
        return index >= 0 ? index : ~index;
    }

    private static void Validate(CalendarException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        if (!Enum.IsDefined(exception.Kind))
        {
            throw new ArgumentException($"Unknown calendar day kind {(int)exception.Kind} on {exception.Date:yyyy-MM-dd}.");
        }

        if (string.IsNullOrWhiteSpace(exception.Name))
        {
            throw new ArgumentException($"Calendar exception on {exception.Date:yyyy-MM-dd} has no name.");
        }

        if (string.IsNullOrWhiteSpace(exception.LegalReference))
        {
            throw new ArgumentException($"Calendar exception on {exception.Date:yyyy-MM-dd} has no legal reference.");
        }

        var weekend = IsWeekend(exception.Date);
        if (exception.Kind == CalendarDayKind.SwapWorkday && !weekend)
        {
            throw new ArgumentException(
                $"SwapWorkday {exception.Date:yyyy-MM-dd} is a {exception.Date.DayOfWeek}; only a Saturday or Sunday can become a working day.");
        }

        if (exception.Kind != CalendarDayKind.SwapWorkday && weekend)
        {
            throw new ArgumentException(
                $"{exception.Kind} {exception.Date:yyyy-MM-dd} is a {exception.Date.DayOfWeek}; a day off must fall on Monday–Friday (use Compensatory for the following weekday).");
        }
    }
}
