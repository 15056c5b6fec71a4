using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cchc.ChangeFeeds;

/// <summary>
/// Numbers a service's change-feed events so that a sequence never becomes visible before a smaller
/// one, without gaps, and without a queue of writers.
/// </summary>
/// <remarks>
/// <para>
/// Consumers read "every event after the last sequence I processed", so a sequence must never become
/// visible before a smaller one. A bigserial alone does not guarantee that: transaction A takes 7, B
/// takes 8 and commits first, a reader sees 8 and moves its cursor past 7, which A then commits unseen.
/// </para>
/// <para>
/// So writers do not number their events at all: they insert them in the transaction of the change with
/// an identity <c>id</c> (insertion order, taken without any lock) and a null <c>sequence</c>. Readers
/// number them before reading (<see cref="NumberCommittedAsync"/>): in a short transaction of its own,
/// under the feed's advisory lock, every event <em>committed</em> and not yet numbered gets max + 1, +2,
/// … in id order. An event whose transaction is still open is invisible to that numbering, so it can
/// only ever get a number larger than every number given so far: a cursor can never pass it. Numbers are
/// given only to committed events and the numbering commits atomically, so readers see a gap-free
/// prefix. Two changes of one subject keep their order: the later one writes its event after the
/// earlier one committed (they are serialised by the subject's row), so it has the larger id, and it
/// is never numbered before it (the earlier one is committed, hence visible, whenever the later one is).
/// </para>
/// <para>
/// The only lock is the numbering's, held by a reader for one UPDATE; writers hold nothing extra until
/// their commit. An event becomes readable at the first read after its commit.
/// </para>
/// </remarks>
public static partial class CommitOrderedSequence
{
    /// <summary>How many events one numbering takes at most (the rest at the next read).</summary>
    public const int NumberingBatch = 10_000;

    /// <summary>
    /// Gives every committed, not yet numbered event of the <paramref name="feed"/>'s table its sequence (see
    /// the remarks of <see cref="CommitOrderedSequence"/>). Call it before reading the feed by sequence, on a
    /// context without an open transaction.
    /// </summary>
    /// <returns>How many events were numbered.</returns>
    public static async Task<int> NumberCommittedAsync(DatabaseFacade database, FeedDescriptor feed, CancellationToken cancellationToken)
    {
        var table = feed.Table;
        if (!TableName().IsMatch(table))
        {
            throw new ArgumentException($"'{table}' is not a plain table name.", nameof(feed));
        }
        if (database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("The feed is numbered in a transaction of its own.");
        }
        // Nothing to do is the common case for a polling reader: one index probe, no lock, no write.
        var pending = (await database.SqlQueryRaw<bool>(
            string.Concat("SELECT EXISTS (SELECT 1 FROM ", table, " WHERE sequence IS NULL) AS \"Value\"")).ToListAsync(cancellationToken)).Single();
        if (!pending)
        {
            return 0;
        }
        var numbering = string.Concat("""
            WITH pending AS (
                SELECT id FROM 
            """, table, """
                 WHERE sequence IS NULL ORDER BY id LIMIT 
            """, NumberingBatch.ToString(System.Globalization.CultureInfo.InvariantCulture), """

            ), numbered AS (
                SELECT id, (SELECT coalesce(max(sequence), 0) FROM 
            """, table, """
            ) + row_number() OVER (ORDER BY id) AS sequence FROM pending
            )
            UPDATE 
            """, table, """
             AS e SET sequence = numbered.sequence FROM numbered WHERE e.id = numbered.id
            """);
        var strategy = database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await database.BeginTransactionAsync(ct);
            // The lock first, then the UPDATE in a statement of its own: its snapshot is taken after the
            // previous numbering committed, so it continues from that numbering's last sequence.
            await database.ExecuteSqlRawAsync(string.Concat("SELECT pg_advisory_xact_lock(", feed.LockKey.ToString(System.Globalization.CultureInfo.InvariantCulture), ")"), ct);
            var count = await database.ExecuteSqlRawAsync(numbering, ct);
            await transaction.CommitAsync(ct);
            return count;
        }, cancellationToken);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex TableName();
}
