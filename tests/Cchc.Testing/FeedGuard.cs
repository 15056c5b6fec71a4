using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace Cchc.Testing;

/// <summary>
/// What a change feed's table refuses (<c>Cchc.ChangeFeeds.FeedMigrations</c>): a numbered event's content, its number
/// and the event itself stay as they are, whatever the statement names; and the trigger that guards the content names
/// every column but <c>sequence</c>, so a column added later is guarded too.
/// </summary>
public static class FeedGuard
{
    /// <summary>Checks the guard on the last numbered event of <paramref name="table"/> (read the feed first).</summary>
    public static async Task AssertGuardedAsync(DbContext db, string table)
    {
        var lastNumbered = $"SELECT max(id) AS \"Value\" FROM {table} WHERE sequence IS NOT NULL";
        var id = await db.Database.SqlQueryRaw<long>(lastNumbered).SingleAsync();
        var before = await RowAsync(db, table, id);

        string[] refused =
        [
            $"UPDATE {table} SET payload = payload || jsonb_build_object('changed', true) WHERE id = {id}",
            $"UPDATE {table} SET type = type WHERE id = {id}",
            $"UPDATE {table} SET sequence = sequence + 1000000 WHERE id = {id}",
            $"UPDATE {table} SET sequence = NULL WHERE id = {id}",
            $"UPDATE {table} SET occurred_at = occurred_at - interval '1 day', sequence = sequence WHERE id = {id}",
            $"DELETE FROM {table} WHERE id = {id}",
        ];
        foreach (var statement in refused)
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(statement));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(before, await RowAsync(db, table, id));
        var namedByTrigger = $"""
            SELECT a.attname::text AS "Value" FROM pg_trigger t JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr)
            WHERE t.tgrelid = '{table}'::regclass AND t.tgname = '{table}_content_unchanged' ORDER BY 1
            """;
        var allButSequence = $"""
            SELECT attname::text AS "Value" FROM pg_attribute
            WHERE attrelid = '{table}'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'sequence' ORDER BY 1
            """;
        var guarded = await db.Database.SqlQueryRaw<string>(namedByTrigger).ToListAsync();
        var columns = await db.Database.SqlQueryRaw<string>(allButSequence).ToListAsync();
        Assert.NotEmpty(columns);
        Assert.Equal(columns, guarded);
    }

    private static Task<string> RowAsync(DbContext db, string table, long id)
    {
        var row = $"SELECT to_jsonb(e)::text AS \"Value\" FROM {table} e WHERE id = {id}";
        return db.Database.SqlQueryRaw<string>(row).SingleAsync();
    }
}
