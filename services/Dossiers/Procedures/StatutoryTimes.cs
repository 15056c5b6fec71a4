using System.Globalization;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using DomainDurationUnit = Cchc.Dossiers.Domain.Calendar.DurationUnit;
using StatutoryDuration = Cchc.Dossiers.Domain.Calendar.StatutoryDuration;

namespace Cchc.Dossiers.Procedures;

/// <summary>A statutory time as the contract carries it, as the catalogue stores it and as the calendar computes with it.</summary>
internal static class StatutoryTimes
{
    /// <summary>
    /// Validates a contract statutory time and returns its amount (0 when invalid); <paramref name="field"/> is its path in the request.
    /// Only working hours may be fractional, unless <paramref name="fractionalDays"/> allows working days such as "0.5" too
    /// (a step of an internal process).
    /// </summary>
    public static decimal Parse(StatutoryTime? time, string field, Validation validation, bool fractionalDays = false)
    {
        if (time is null)
        {
            validation.Require(false, field, "is required");
            return 0;
        }
        validation.Require(time.Unit != V1.DurationUnit.Unspecified && Enum.IsDefined(time.Unit),
            $"{field}.unit", "must be WORKING_HOURS, WORKING_DAYS, CALENDAR_DAYS or MONTHS");
        if (!decimal.TryParse(time.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount < 0 || amount > 3650)
        {
            validation.Require(false, $"{field}.amount", "must be a non-negative number such as \"10\" or \"4.5\"");
            return 0;
        }
        var fractionsAllowed = time.Unit == V1.DurationUnit.WorkingHours || (fractionalDays && time.Unit == V1.DurationUnit.WorkingDays);
        validation.Require(fractionsAllowed || amount == decimal.Truncate(amount), $"{field}.amount",
            fractionalDays ? "must be a whole number unless the unit is working hours or working days" : "must be a whole number unless the unit is working hours");
        validation.Require(amount * 100 == decimal.Truncate(amount * 100), $"{field}.amount", "must have at most two decimals");
        return amount;
    }

    public static StatutoryTime ToContract(decimal amount, StatutoryUnit unit) => new()
    {
        Amount = amount.ToString("0.##", CultureInfo.InvariantCulture),
        Unit = (V1.DurationUnit)unit,
    };

    public static StatutoryDuration ToDuration(decimal amount, StatutoryUnit unit) => new(amount, ToDomain(unit));

    /// <summary>The one mapping from the stored, contract-aligned unit to the calendar's unit.</summary>
    public static DomainDurationUnit ToDomain(StatutoryUnit unit) => unit switch
    {
        StatutoryUnit.WorkingHours => DomainDurationUnit.WorkingHours,
        StatutoryUnit.WorkingDays => DomainDurationUnit.WorkingDays,
        StatutoryUnit.CalendarDays => DomainDurationUnit.CalendarDays,
        StatutoryUnit.Months => DomainDurationUnit.Months,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "A stored statutory time has no unit."),
    };
}
