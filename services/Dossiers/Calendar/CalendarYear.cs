namespace Cchc.Dossiers.Calendar;

/// <summary>
/// A year whose official schedule of days off (the Prime Minister's decisions on Tết, Quốc khánh and
/// swaps) has been entered: its stored days are the whole schedule. A year without this row is
/// provisional and counts the Labour Code's holidays (<see cref="Domain.Calendar.LegalCalendar"/>).
/// </summary>
public sealed class CalendarYear
{
    public int Year { get; init; }
    /// <summary>The decision or notice the schedule follows, e.g. "Công văn 12729/VPCP-KGVX ngày 25/12/2025".</summary>
    public required string LegalReference { get; set; }
    public string ConfirmedBy { get; set; } = "";
    public DateTimeOffset ConfirmedAt { get; set; }
}

/// <summary>The one notice that a coming year was still provisional, written with its change-feed event.</summary>
public sealed class CalendarYearNotice
{
    public int Year { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}
