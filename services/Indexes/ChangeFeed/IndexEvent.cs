namespace Cchc.Indexes.ChangeFeed;

/// <summary>One event of the change feed (outbox), written in the transaction of the change it describes.</summary>
public sealed class IndexEvent : Cchc.ChangeFeeds.IFeedEvent
{
    /// <summary>Insertion order, taken without a lock; not the feed's order (see <see cref="Cchc.ChangeFeeds.CommitOrderedSequence"/>).</summary>
    public long Id { get; init; }
    /// <summary>The feed's order, given once the event's transaction has committed; null until then.</summary>
    public long? Sequence { get; init; }
    public required string Type { get; init; }
    /// <summary>"&lt;index code&gt;/&lt;year&gt;/&lt;subject code&gt;".</summary>
    public required string ResultKey { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>A JSON object with snake_case keys.</summary>
    public required string Payload { get; init; }
}

/// <summary>The event types consumers can rely on.</summary>
public static class IndexEventTypes
{
    public const string ResultRecorded = "index.result_recorded";
    public const string RankFell = "index.rank_fell";
}

/// <summary>An event not yet given its sequence.</summary>
public sealed record PendingIndexEvent(string Type, string ResultKey, DateTimeOffset OccurredAt, System.Text.Json.Nodes.JsonObject Payload);
