namespace Cchc.SharedKernel.Calendar;

/// <summary>A date on which the normal Monday–Friday rule does not apply.</summary>
public sealed record CalendarException(DateOnly Date, CalendarDayKind Kind, string Name, string LegalReference);
