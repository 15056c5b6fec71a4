using System.Collections.Concurrent;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>
/// The calendar legal time is counted on: the stored days (official schedules and administrators'
/// edits) and, for every year whose official schedule has not been entered, the holidays the Labour
/// Code gives (<see cref="StatutoryHolidays"/>). Such a year is <em>provisional</em>: its days off are the
/// law's, but the Prime Minister's decisions (which days of Tết, which day next to 2/9, swaps) may
/// still move them, so every answer that counts over one says so. Immutable and thread-safe.
/// </summary>
public sealed class LegalCalendar
{
    /// <summary>The years derived holidays are proposed for: every receipt the service accepts (2000–2099) and the year after.</summary>
    public const int FirstDerivedYear = 2000;
    public const int LastDerivedYear = 2100;

    private static readonly ConcurrentDictionary<int, IReadOnlyList<CalendarException>> Derived = new();

    private readonly HashSet<int> _officialYears;
    private readonly HashSet<DateOnly> _derivedDates = [];

    public LegalCalendar(IEnumerable<CalendarException> stored, IEnumerable<int> officialYears)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(officialYears);
        _officialYears = officialYears.ToHashSet();
        var storedDays = stored.ToList();
        var storedDates = storedDays.Select(d => d.Date).ToHashSet();
        var all = new List<CalendarException>(storedDays);
        for (var year = FirstDerivedYear; year <= LastDerivedYear; year++)
        {
            if (_officialYears.Contains(year))
            {
                continue;
            }
            // A day an administrator stored in a provisional year replaces the law's proposal for that date.
            foreach (var day in DerivedFor(year).Where(d => !storedDates.Contains(d.Date)))
            {
                all.Add(day);
                _derivedDates.Add(day.Date);
            }
        }
        Days = new WorkingCalendar(all);
    }

    /// <summary>Only the stored days, every year official: what the calendar was before years could be provisional (tests).</summary>
    public static LegalCalendar Official(IEnumerable<CalendarException> stored) =>
        new(stored, Enumerable.Range(1, 9999));

    /// <summary>The working days: weekends, stored days and derived days of provisional years.</summary>
    public WorkingCalendar Days { get; }

    public IReadOnlySet<int> OfficialYears => _officialYears;

    /// <summary>The Labour Code's holidays of <paramref name="year"/> with the default pattern (cached).</summary>
    public static IReadOnlyList<CalendarException> DerivedFor(int year) => Derived.GetOrAdd(year, y => StatutoryHolidays.For(y));

    /// <summary>Whether <paramref name="date"/>'s year has no official schedule yet.</summary>
    public bool IsProvisional(DateOnly date) => !_officialYears.Contains(date.Year);

    /// <summary>Whether any day from <paramref name="from"/> to <paramref name="to"/> (either order, both included) lies in a provisional year.</summary>
    public bool IsProvisional(DateOnly from, DateOnly to)
    {
        var (first, last) = from <= to ? (from.Year, to.Year) : (to.Year, from.Year);
        for (var year = first; year <= last; year++)
        {
            if (!_officialYears.Contains(year))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the day off on <paramref name="date"/> comes from the Labour Code rather than from a stored row.</summary>
    public bool IsDerived(DateOnly date) => _derivedDates.Contains(date);
}
