namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>
/// Receipt, start of the legal clock and the appointment to return the result; all local Vietnam time.
/// <paramref name="Provisional"/>: the count crossed a year whose official holiday schedule is not entered
/// yet, so it used the Labour Code's holidays (<see cref="LegalCalendar"/>).
/// </summary>
public sealed record Appointment(DateTime ReceivedAt, DateTime LegalStart, DateTime DueAt, bool Provisional = false);
