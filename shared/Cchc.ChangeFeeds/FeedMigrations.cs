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

    /// <summary>Replaces nothing: drop the table's previous append-only trigger first.</summary>
    public static string CreateNumberOnceTrigger(string table) =>
        $"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_change_to_feed_event();";
}
