namespace Cchc.ChangeFeeds;

/// <summary>An event of a service's change feed (outbox), as <see cref="CommitOrderedSequence"/> numbers it.</summary>
public interface IFeedEvent
{
    /// <summary>Insertion order, taken without a lock; not the feed's order.</summary>
    long Id { get; }
    /// <summary>The feed's order, given once the event's transaction has committed; null until then.</summary>
    long? Sequence { get; }
}
