using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <summary>
    /// New dossiers' scope rows (<c>Records/DossierScopeUnit.cs</c>) written once per INSERT statement, from the rows it
    /// inserted (a transition table), rather than by a PL/pgSQL call and a statement of its own per dossier: the intake
    /// inserts its batch's dossiers in one statement, and the row trigger was about a quarter of its database's CPU under intake. The rows are
    /// the same: every unit on the path of each of the three units, with the dossier's status (a new dossier has none
    /// yet, so they are inserted without the row trigger's <c>ON CONFLICT</c> check). Changes and deletions keep their
    /// row triggers (one dossier per statement).
    /// </summary>
    [DbContext(typeof(DossiersDbContext))]
    [Migration("20261206230000_ScopeUnitsPerStatement")]
    public partial class ScopeUnitsPerStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The paths as dossier_unit_paths gives them (every prefix of each unit code, once), expanded for the whole
            // statement rather than by that function per row (an aggregate, so PostgreSQL cannot inline it). The two
            // are held equal by DossierScopeMigrationTests: rows the triggers keep = rows the function fills.
            migrationBuilder.Sql("""
                CREATE FUNCTION dossiers_add_scope_units() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO dossier_scope_units (unit_code, status, dossier_id)
                    SELECT DISTINCT array_to_string(parts[1:n], '.'), d.status, d.id
                    FROM inserted_dossiers AS d,
                         unnest(ARRAY[d.receiving_unit_code, d.current_unit_code, d.transferred_from_unit_code]) AS c,
                         string_to_array(c, '.') AS parts,
                         generate_series(1, cardinality(parts)) AS n
                    WHERE c <> '';
                    RETURN NULL;
                END
                $$;
                DROP TRIGGER dossiers_scope_units_insert ON dossiers;
                CREATE TRIGGER dossiers_scope_units_insert AFTER INSERT ON dossiers
                    REFERENCING NEW TABLE AS inserted_dossiers
                    FOR EACH STATEMENT EXECUTE FUNCTION dossiers_add_scope_units();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER dossiers_scope_units_insert ON dossiers;
                DROP FUNCTION dossiers_add_scope_units();
                CREATE TRIGGER dossiers_scope_units_insert AFTER INSERT ON dossiers
                    FOR EACH ROW EXECUTE FUNCTION dossiers_keep_scope_units();
                """);
        }
    }
}
