using Cchc.Dossiers.Domain.Calendar;

namespace Cchc.Dossiers.Domain.Procedures;

/// <summary>
/// The agency's target processing time for a procedure (the seeds' "cut 25%, then 50%"), kept
/// in the statutory time's own unit so that it is computed on the calendar exactly like it.
/// </summary>
public static class ProcessingTargets
{
    /// <summary>
    /// The statutory time cut by <paramref name="cutPercent"/>, rounded down to a whole unit
    /// (hundredths for working hours), so the target cuts at least the percentage asked; null when
    /// that leaves no time at all.
    /// </summary>
    public static decimal? FromCut(decimal statutoryAmount, DurationUnit unit, int cutPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(statutoryAmount);
        ArgumentOutOfRangeException.ThrowIfLessThan(cutPercent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cutPercent, 99);

        var exact = statutoryAmount * (100 - cutPercent) / 100;
        var target = unit == DurationUnit.WorkingHours
            ? decimal.Floor(exact * 100) / 100
            : decimal.Floor(exact);
        return target > 0 ? target : null;
    }
}
