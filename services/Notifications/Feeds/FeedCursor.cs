namespace Cchc.Notifications.Feeds;

/// <summary>How far this service has consumed a producer's change feed; moved in the same transaction as what it derived.</summary>
public sealed class FeedCursor
{
    public required string Feed { get; init; }
    public long LastSequence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
