namespace Cchc.ChangeFeeds;

/// <summary>
/// How far a consumer has taken in a producer's change feed: the last sequence whose effects it has
/// committed. It is moved in the same transaction as those effects, so a crash between reading a page
/// and committing it replays the page rather than losing it.
/// </summary>
public sealed class FeedCursor
{
    /// <summary>The feed's name, chosen by the consumer (e.g. <c>dossiers</c>).</summary>
    public required string Feed { get; init; }

    /// <summary>Only ever moved forward, by <see cref="Advance"/>.</summary>
    public long LastSequence { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// Moves the cursor to <paramref name="lastSequence"/>, never backwards: a page taken in again after a
    /// crash, or by a second instance that read it late, must not make the next read repeat what followed.
    /// </summary>
    public void Advance(long lastSequence, DateTimeOffset now)
    {
        LastSequence = Math.Max(LastSequence, lastSequence);
        UpdatedAt = now;
    }
}
