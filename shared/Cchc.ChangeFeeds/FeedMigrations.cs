namespace Cchc.ChangeFeeds;

/// <summary>
/// The SQL every feed table's migration uses, so the three feeds are guarded alike: an event is a
/// record (never changed, never deleted, no TRUNCATE), except that a reader gives it its sequence once.
/// </summary>
public static class FeedMigrations
{
    public const string CreateNumberOnceFunction = """
        CREATE FUNCTION refuse_change_to_feed_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND OLD.sequence IS NULL AND NEW.sequence IS NOT NULL
               AND (to_jsonb(NEW) - 'sequence') = (to_jsonb(OLD) - 'sequence') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '% is append-only: rows are never updated or deleted (a reader gives an event its sequence, once)', TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        """;

    public const string DropNumberOnceFunction = "DROP FUNCTION refuse_change_to_feed_event();";

    /// <summary>
    /// The first guard: one trigger that calls <c>refuse_change_to_feed_event</c> for every update, the readers'
    /// numbering included (it compared each numbered event's whole row as JSON). Replaces nothing: drop the table's
    /// previous append-only trigger first. Kept for the migrations that used it; new ones use
    /// <see cref="CreateGuardTriggers"/>.
    /// </summary>
    public static string CreateNumberOnceTrigger(string table) =>
        $"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_change_to_feed_event();";

    /// <summary>
    /// The same guard without a function call per numbered event, in place of <see cref="CreateNumberOnceTrigger"/>'s:
    /// <c>refuse_change_to_feed_event</c> is called for a DELETE, for an UPDATE that names any column but
    /// <c>sequence</c> (<c>{table}_content_unchanged</c>), and for an UPDATE of <c>sequence</c> that renumbers an event
    /// or takes its number away (<c>{table}_numbered_once</c>); the readers' numbering (an UPDATE of <c>sequence</c>
    /// alone, from NULL to a number) calls nothing. The content trigger names the table's columns as they are when the
    /// migration runs: a migration that adds a column to a feed table runs <see cref="DropGuardTriggers"/> and this
    /// again (each feed's tests check that every column but <c>sequence</c> is named).
    /// </summary>
    public static string CreateGuardTriggers(string table) => $"""
        DROP TRIGGER {table}_append_only ON {table};
        CREATE TRIGGER {table}_append_only BEFORE DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION refuse_change_to_feed_event();
        CREATE TRIGGER {table}_numbered_once BEFORE UPDATE OF sequence ON {table}
            FOR EACH ROW WHEN (OLD.sequence IS NOT NULL OR NEW.sequence IS NULL)
            EXECUTE FUNCTION refuse_change_to_feed_event();
        DO $guard$
        BEGIN
            EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF %s ON %I FOR EACH ROW EXECUTE FUNCTION refuse_change_to_feed_event()',
                '{table}_content_unchanged',
                (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                 WHERE attrelid = '{table}'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'sequence'),
                '{table}');
        END
        $guard$;
        """;

    /// <summary>Takes <see cref="CreateGuardTriggers"/>' triggers back to <see cref="CreateNumberOnceTrigger"/>'s one.</summary>
    public static string DropGuardTriggers(string table) => $"""
        DROP TRIGGER {table}_content_unchanged ON {table};
        DROP TRIGGER {table}_numbered_once ON {table};
        DROP TRIGGER {table}_append_only ON {table};
        {CreateNumberOnceTrigger(table)}
        """;
}
