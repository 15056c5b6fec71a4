using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Indexes.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "agency_code",
                table: "subjects",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "index_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    result_key = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_events", x => x.sequence);
                });

            // The subjects the service ships with are inserted only when missing; give the existing
            // Quảng Trị rows the agency their rank falls are addressed to.
            migrationBuilder.Sql("UPDATE subjects SET agency_code = 'QT' WHERE code IN ('QUANG_TRI', 'QUANG_TRI_2025') AND agency_code IS NULL;");

            // The change feed is a record: the service only ever inserts into it, and the database refuses anything else.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change_to_index_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: rows are never updated or deleted', TG_TABLE_NAME
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER index_events_append_only BEFORE UPDATE OR DELETE ON index_events FOR EACH ROW EXECUTE FUNCTION refuse_change_to_index_event();");
            migrationBuilder.Sql("CREATE TRIGGER index_events_no_truncate BEFORE TRUNCATE ON index_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_index_event();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER index_events_append_only ON index_events;");
            migrationBuilder.Sql("DROP TRIGGER index_events_no_truncate ON index_events;");
            migrationBuilder.Sql("DROP FUNCTION refuse_change_to_index_event();");
            migrationBuilder.DropTable(
                name: "index_events");

            migrationBuilder.DropColumn(
                name: "agency_code",
                table: "subjects");
        }
    }
}
