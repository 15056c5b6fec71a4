using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <summary>
    /// The units whose officials see each dossier (<c>Records/DossierScopeUnit.cs</c>), kept by triggers on
    /// <c>dossiers</c> and filled for the dossiers already stored; they replace the three unit indexes, which a unit's
    /// listing could only use by walking every dossier of the province in order or sorting all of a unit's. Each row
    /// carries the dossier's status, kept with it, so a listing of some statuses reads only those.
    /// </summary>
    public partial class DossierScopeUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_current_unit_code",
                table: "dossiers");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_receiving_unit_code",
                table: "dossiers");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_transferred_from_unit_code",
                table: "dossiers");

            migrationBuilder.CreateTable(
                name: "dossier_scope_units",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    dossier_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_scope_units", x => new { x.unit_code, x.status, x.dossier_id });
                });

            // Every unit on the path of each of the three units ("QT.SKHCN.MC": "QT", "QT.SKHCN", "QT.SKHCN.MC"), with the
            // dossier's status. On a change only the rows no longer wanted go (found by their whole key: the old units
            // and status) and every wanted row is written again if missing, so a dossier's rows are right after any
            // change whatever they were before.
            migrationBuilder.Sql("""
                CREATE FUNCTION dossier_unit_paths(codes text[]) RETURNS text[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT coalesce(array_agg(DISTINCT array_to_string(parts[1:n], '.')), '{}')
                    FROM unnest(codes) AS c, string_to_array(c, '.') AS parts, generate_series(1, cardinality(parts)) AS n
                    WHERE c <> ''
                $$;
                CREATE FUNCTION dossiers_keep_scope_units() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    wanted text[] := '{}';
                    held text[];
                    kept text[] := '{}';
                BEGIN
                    IF TG_OP <> 'DELETE' THEN
                        wanted := dossier_unit_paths(ARRAY[NEW.receiving_unit_code, NEW.current_unit_code, NEW.transferred_from_unit_code]);
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        held := dossier_unit_paths(ARRAY[OLD.receiving_unit_code, OLD.current_unit_code, OLD.transferred_from_unit_code]);
                        IF TG_OP = 'UPDATE' AND NEW.status = OLD.status THEN
                            kept := wanted;
                        END IF;
                        DELETE FROM dossier_scope_units
                        WHERE unit_code = ANY (held) AND status = OLD.status AND dossier_id = OLD.id AND NOT (unit_code = ANY (kept));
                    END IF;
                    IF TG_OP <> 'DELETE' THEN
                        INSERT INTO dossier_scope_units (unit_code, status, dossier_id)
                        SELECT u, NEW.status, NEW.id FROM unnest(wanted) AS u
                        ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION dossiers_truncate_scope_units() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    TRUNCATE dossier_scope_units;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER dossiers_scope_units_insert AFTER INSERT ON dossiers
                    FOR EACH ROW EXECUTE FUNCTION dossiers_keep_scope_units();
                CREATE TRIGGER dossiers_scope_units_update
                    AFTER UPDATE OF status, receiving_unit_code, current_unit_code, transferred_from_unit_code ON dossiers
                    FOR EACH ROW
                    WHEN (OLD.status IS DISTINCT FROM NEW.status
                       OR OLD.receiving_unit_code IS DISTINCT FROM NEW.receiving_unit_code
                       OR OLD.current_unit_code IS DISTINCT FROM NEW.current_unit_code
                       OR OLD.transferred_from_unit_code IS DISTINCT FROM NEW.transferred_from_unit_code)
                    EXECUTE FUNCTION dossiers_keep_scope_units();
                CREATE TRIGGER dossiers_scope_units_delete AFTER DELETE ON dossiers
                    FOR EACH ROW EXECUTE FUNCTION dossiers_keep_scope_units();
                CREATE TRIGGER dossiers_scope_units_truncate AFTER TRUNCATE ON dossiers
                    FOR EACH STATEMENT EXECUTE FUNCTION dossiers_truncate_scope_units();
                INSERT INTO dossier_scope_units (unit_code, status, dossier_id)
                SELECT u, d.status, d.id
                FROM dossiers AS d,
                     unnest(dossier_unit_paths(ARRAY[d.receiving_unit_code, d.current_unit_code, d.transferred_from_unit_code])) AS u;
                ANALYZE dossier_scope_units;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER dossiers_scope_units_truncate ON dossiers;
                DROP TRIGGER dossiers_scope_units_delete ON dossiers;
                DROP TRIGGER dossiers_scope_units_update ON dossiers;
                DROP TRIGGER dossiers_scope_units_insert ON dossiers;
                DROP FUNCTION dossiers_truncate_scope_units();
                DROP FUNCTION dossiers_keep_scope_units();
                DROP FUNCTION dossier_unit_paths(text[]);
                """);

            migrationBuilder.DropTable(
                name: "dossier_scope_units");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_current_unit_code",
                table: "dossiers",
                column: "current_unit_code")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_receiving_unit_code",
                table: "dossiers",
                column: "receiving_unit_code")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_transferred_from_unit_code",
                table: "dossiers",
                column: "transferred_from_unit_code")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }
    }
}
