namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>Receipt, start of the legal clock and the appointment to return the result; all local Vietnam time.</summary>
public sealed record Appointment(DateTime ReceivedAt, DateTime LegalStart, DateTime DueAt);
