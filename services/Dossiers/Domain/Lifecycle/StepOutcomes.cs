namespace Cchc.Dossiers.Domain.Lifecycle;

/// <summary>The result column of the process-control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ).</summary>
public enum StepOutcome
{
    Early,
    OnTime,
    Late,
}

public static class StepOutcomes
{
    /// <summary>Compares whole minutes, because the control sheet records times to the minute.</summary>
    public static StepOutcome Judge(TimeSpan allowance, TimeSpan used)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(allowance, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(used, TimeSpan.Zero);

        var allowanceMinutes = (long)Math.Floor(allowance.TotalMinutes);
        var usedMinutes = (long)Math.Floor(used.TotalMinutes);

        return usedMinutes < allowanceMinutes ? StepOutcome.Early
            : usedMinutes == allowanceMinutes ? StepOutcome.OnTime
            : StepOutcome.Late;
    }
}
