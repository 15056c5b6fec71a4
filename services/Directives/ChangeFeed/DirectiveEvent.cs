namespace Cchc.Directives.ChangeFeed;

/// <summary>One event of the change feed (outbox), written in the transaction of the change it describes.</summary>
public sealed class DirectiveEvent : Cchc.ChangeFeeds.IFeedEvent
{
    /// <summary>Insertion order, taken without a lock; not the feed's order (see <see cref="Cchc.ChangeFeeds.CommitOrderedSequence"/>).</summary>
    public long Id { get; init; }
    /// <summary>The feed's order, given once the event's transaction has committed; null until then.</summary>
    public long? Sequence { get; init; }
    public required string Type { get; init; }
    /// <summary>"documents/{id}" or "tasks/{id}".</summary>
    public required string Subject { get; init; }
    public Guid DocumentId { get; init; }
    public Guid? TaskId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>A JSON object.</summary>
    public required string Payload { get; init; }
    /// <summary>Set on events a scan emits, so a scan repeated after a restart emits each one once.</summary>
    public string? DedupKey { get; init; }
}

/// <summary>The event types consumers can rely on.</summary>
public static class DirectiveEventTypes
{
    public const string DocumentCreated = "document.created";
    public const string DocumentUpdated = "document.updated";
    public const string TaskCreated = "task.created";
    public const string TaskUpdated = "task.updated";
    public const string TaskCancelled = "task.cancelled";
    public const string ProgressReported = "task.progress_reported";
    public const string CompletionConfirmed = "task.completion_confirmed";
    public const string ReportSentBack = "task.sent_back";
    public const string ChaseUp = "task.chase_up";
    public const string Overdue = "task.overdue";
    public const string ReportDue = "task.report_due";
}

/// <summary>An event not yet given its sequence.</summary>
public sealed record PendingEvent(string Type, Guid DocumentId, Guid? TaskId, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, object?> Payload,
    string? DedupKey = null)
{
    public string Subject => TaskId is { } task ? $"tasks/{task}" : $"documents/{DocumentId}";
}
