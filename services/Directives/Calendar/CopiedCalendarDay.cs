using Cchc.SharedKernel.Calendar;

namespace Cchc.Directives.Calendar;

/// <summary>
/// One exception to the Monday–Friday week as Dossiers' working calendar last gave it: Dossiers owns
/// the calendar, Directives keeps a copy so its deadlines and chase-ups count the same working days
/// even while Dossiers is down.
/// </summary>
public sealed class CopiedCalendarDay
{
    public DateOnly Date { get; init; }
    public CalendarDayKind Kind { get; init; }
    public required string Name { get; init; }
    public required string LegalReference { get; init; }
    /// <summary>When Dossiers last changed the day.</summary>
    public DateTimeOffset? SourceUpdatedAt { get; init; }
    /// <summary>When this copy was taken.</summary>
    public DateTimeOffset CopiedAt { get; init; }

    public CalendarException ToException() => new(Date, Kind, Name, LegalReference);
}
