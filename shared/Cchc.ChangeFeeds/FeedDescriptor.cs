namespace Cchc.ChangeFeeds;

/// <summary>
/// What tells one service's change feed from another's: its table and the advisory-lock key of its
/// numbering. Declared once per feed so that its mapping, its writer, its numbering and its reader
/// cannot disagree on either.
/// </summary>
/// <param name="Table">The feed's table, with an identity <c>id</c> and a nullable unique <c>sequence</c>.</param>
/// <param name="LockKey">One arbitrary 64-bit key per feed, taken by <see cref="CommitOrderedSequence"/> while it numbers.</param>
public sealed record FeedDescriptor(string Table, long LockKey);
