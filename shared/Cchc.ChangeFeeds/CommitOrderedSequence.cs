using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cchc.ChangeFeeds;

/// <summary>
/// Numbers a service's change-feed events so that sequence order is commit order, without gaps.
/// </summary>
/// <remarks>
/// Consumers read "every event after the last sequence I processed", so a sequence must never
/// become visible before a smaller one. A bigserial does not guarantee that: transaction A takes 7,
/// B takes 8 and commits first, a reader sees 8 and moves its cursor past 7, which A then commits
/// unseen. So the number is taken under a transaction-level advisory lock held until commit: the
/// next writer waits for the lock, then (in a new statement, hence a new snapshot) sees the
/// previous event committed and takes max + 1. Writers queue only for the few milliseconds between
/// their last write and their commit, so events must be the last thing a transaction writes.
/// </remarks>
public static partial class CommitOrderedSequence
{
    /// <summary>
    /// Takes the feed's lock for the rest of the current transaction and returns the last sequence
    /// committed to <paramref name="table"/> (0 when empty); the caller numbers its events from there.
    /// </summary>
    /// <param name="lockKey">One arbitrary 64-bit key per feed.</param>
    /// <param name="table">The feed's table, with a <c>sequence</c> column.</param>
    public static async Task<long> LockAndReadLastAsync(DatabaseFacade database, long lockKey, string table, CancellationToken cancellationToken)
    {
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Change-feed events must be written in the transaction of the change.");
        }
        if (!TableName().IsMatch(table))
        {
            throw new ArgumentException($"'{table}' is not a plain table name.", nameof(table));
        }
        await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        var query = string.Concat("SELECT coalesce(max(sequence), 0) AS \"Value\" FROM ", table);
        return (await database.SqlQueryRaw<long>(query).ToListAsync(cancellationToken)).Single();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex TableName();
}
