namespace Cchc.Directives.ChaseUps;

/// <summary>When chase-ups and deadline notices go out (section <c>ChaseUps</c>), in working days of the shared calendar.</summary>
public sealed class ChaseUpOptions
{
    private static readonly int[] DefaultBeforeDue = [3, 1];

    /// <summary>Working days before the due date on which the lead unit is chased up; default 3 and 1.</summary>
    public int[]? BeforeDueWorkingDays { get; set; }

    /// <summary>Chase up on the due date itself.</summary>
    public bool OnDue { get; set; } = true;

    /// <summary>After the due date, a chase-up every this many working days while the task is not done; 0 sends none.</summary>
    public int AfterDueEveryWorkingDays { get; set; } = 3;

    /// <summary>Working days before a recurring report's due date on which <c>task.report_due</c> goes to the follow-up office.</summary>
    public int ReportDueWorkingDaysBefore { get; set; } = 5;

    /// <summary>How often the scanner looks for chase-ups and notices due.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<int> BeforeDue => (BeforeDueWorkingDays ?? DefaultBeforeDue).Where(d => d > 0).Distinct().Order().ToList();
}
