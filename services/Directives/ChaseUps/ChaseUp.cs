namespace Cchc.Directives.ChaseUps;

/// <summary>Mirrors <c>cchc.directives.v1.ChaseUpStage</c>.</summary>
public enum ChaseUpStage
{
    BeforeDue = 1,
    OnDue = 2,
    AfterDue = 3,
    Manual = 4,
}

/// <summary>
/// A chase-up (đôn đốc) sent to a task's lead unit: automatically before, on and after the due date,
/// or by hand by the follow-up office. <see cref="DedupKey"/> names it uniquely — for an automatic one
/// the task, period, due date and stage — so a scan repeated after a restart never sends it twice.
/// </summary>
public sealed class ChaseUp
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TaskId { get; init; }
    /// <summary>The period of a recurring task chased, e.g. "2026-Q3"; empty otherwise.</summary>
    public string Period { get; init; } = "";
    public required string DedupKey { get; init; }
    public ChaseUpStage Stage { get; init; }
    /// <summary>The working day the task (or period) is due; null for an ongoing task chased by hand.</summary>
    public DateOnly? DueOn { get; init; }
    /// <summary>Working days left until <see cref="DueOn"/> (positive), 0 on it, or past it (negative).</summary>
    public int WorkingDaysToDue { get; init; }
    public required string LeadUnitCode { get; init; }
    public required string Message { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public required string SentBy { get; init; }
    public string SentByName { get; init; } = "";

    public const string System = "system";
}
