namespace Cchc.ChangeFeeds;

/// <summary>
/// A page of a feed in a service's contract: its changes, and the cursor to continue from (the last
/// change's sequence, or the requested cursor when there was nothing new, so a consumer can always store it).
/// </summary>
public sealed record FeedPage<TChange>(IReadOnlyList<TChange> Changes, long LastSequence);
