using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <summary>
    /// One row that moves whenever the calendar or an intake policy changes, in the same transaction
    /// (statement triggers), so the service can keep the built calendar while that row stays put
    /// (<c>Calendar/CalendarSnapshots.cs</c>). The numbers come from a sequence: a rolled-back change's is never reused.
    /// </summary>
    [DbContext(typeof(DossiersDbContext))]
    [Migration("20261206070000_CalendarRevision")]
    public partial class CalendarRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE SEQUENCE calendar_revision_numbers;
                CREATE TABLE calendar_revision (
                    id int PRIMARY KEY CHECK (id = 1),
                    revision bigint NOT NULL
                );
                INSERT INTO calendar_revision (id, revision) VALUES (1, nextval('calendar_revision_numbers'));
                CREATE FUNCTION calendar_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE calendar_revision SET revision = nextval('calendar_revision_numbers') WHERE id = 1;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER calendar_days_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
                    FOR EACH STATEMENT EXECUTE FUNCTION calendar_revision_bump();
                CREATE TRIGGER calendar_years_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_years
                    FOR EACH STATEMENT EXECUTE FUNCTION calendar_revision_bump();
                CREATE TRIGGER intake_policies_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON intake_policies
                    FOR EACH STATEMENT EXECUTE FUNCTION calendar_revision_bump();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER intake_policies_revision ON intake_policies;
                DROP TRIGGER calendar_years_revision ON calendar_years;
                DROP TRIGGER calendar_days_revision ON calendar_days;
                DROP FUNCTION calendar_revision_bump();
                DROP TABLE calendar_revision;
                DROP SEQUENCE calendar_revision_numbers;
                """);
        }
    }
}
