namespace Cchc.Dossiers.Domain.Calendar;

public enum DurationUnit
{
    WorkingHours,
    WorkingDays,
    CalendarDays,
    Months,
}

/// <summary>The processing time a procedure grants (thời hạn giải quyết).</summary>
public readonly record struct StatutoryDuration
{
    public StatutoryDuration(decimal amount, DurationUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown duration unit.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(amount);

        if (unit != DurationUnit.WorkingHours && decimal.Truncate(amount) != amount)
        {
            throw new ArgumentException($"A duration in {unit} must be a whole number, got {amount}.", nameof(amount));
        }

        // Whole-day units feed int-based date arithmetic and hours become TimeSpan ticks.
        var limit = unit == DurationUnit.WorkingHours ? (decimal)TimeSpan.MaxValue.TotalHours : int.MaxValue;
        if (amount > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Duration is too large.");
        }

        Amount = amount;
        Unit = unit;
    }

    public decimal Amount { get; }
    public DurationUnit Unit { get; }

    public static StatutoryDuration WorkingHoursOf(decimal hours) => new(hours, DurationUnit.WorkingHours);
    public static StatutoryDuration WorkingDaysOf(int days) => new(days, DurationUnit.WorkingDays);
    public static StatutoryDuration CalendarDaysOf(int days) => new(days, DurationUnit.CalendarDays);
    public static StatutoryDuration MonthsOf(int months) => new(months, DurationUnit.Months);
}
