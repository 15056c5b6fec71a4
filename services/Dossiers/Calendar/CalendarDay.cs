using Cchc.Dossiers.Domain.Calendar;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Calendar;

/// <summary>A stored exception to the Monday–Friday week: a day off on a weekday or a working weekend day.</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; init; }
    public CalendarDayKind Kind { get; set; }
    public required string Name { get; set; }
    public required string LegalReference { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public CalendarException ToException() => new(Date, Kind, Name, LegalReference);
}
