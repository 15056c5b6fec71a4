namespace Cchc.Dossiers.Procedures;

/// <summary>Mirrors <c>cchc.dossiers.v1.DurationUnit</c>.</summary>
public enum StatutoryUnit
{
    Unspecified = 0,
    WorkingHours = 1,
    WorkingDays = 2,
    CalendarDays = 3,
    Months = 4,
}
