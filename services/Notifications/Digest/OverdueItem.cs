namespace Cchc.Notifications.Digest;

/// <summary>Something overdue that is still open: a task past its deadline, a dossier step past its allowance.</summary>
public sealed class OverdueItem
{
    /// <summary><c>task:&lt;id&gt;</c> or <c>dossier:&lt;code&gt;</c>.</summary>
    public required string Key { get; init; }
    public required string UnitCode { get; set; }
    public required string Title { get; set; }
    public string Due { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
