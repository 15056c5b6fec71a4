using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgencyTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "transferred_from_unit_code",
                table: "dossiers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "transferred_to_agency_code",
                table: "dossiers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dossier_agency_transfers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dossier_id = table.Column<long>(type: "bigint", nullable: false),
                    from_agency_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    from_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    to_agency_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    to_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    purpose = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sent_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    allowance_minutes = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    returned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    returned_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    returned_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    outcome_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    used_minutes = table.Column<int>(type: "integer", nullable: true),
                    step_outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_agency_transfers", x => x.id);
                    table.ForeignKey(
                        name: "fk_dossier_agency_transfers_dossiers_dossier_id",
                        column: x => x.dossier_id,
                        principalTable: "dossiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_transferred_from_unit_code",
                table: "dossiers",
                column: "transferred_from_unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_dossier_agency_transfers_dossier_id_id",
                table: "dossier_agency_transfers",
                columns: new[] { "dossier_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_agency_transfers_open",
                table: "dossier_agency_transfers",
                column: "dossier_id",
                unique: true,
                filter: "returned_at IS NULL");

            // A transfer is written when the dossier leaves and completed once, when it comes back;
            // the database refuses any other change, and every deletion.
            migrationBuilder.Sql("""
                CREATE FUNCTION complete_agency_transfer_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND OLD.returned_at IS NULL AND NEW.returned_at IS NOT NULL
                       AND (NEW.id, NEW.dossier_id, NEW.from_agency_code, NEW.from_unit_code, NEW.to_agency_code, NEW.to_unit_code,
                            NEW.purpose, NEW.sent_at, NEW.sent_by, NEW.sent_by_name, NEW.allowance_minutes, NEW.due_at)
                           IS NOT DISTINCT FROM
                           (OLD.id, OLD.dossier_id, OLD.from_agency_code, OLD.from_unit_code, OLD.to_agency_code, OLD.to_unit_code,
                            OLD.purpose, OLD.sent_at, OLD.sent_by, OLD.sent_by_name, OLD.allowance_minutes, OLD.due_at) THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '% rows are written once and completed once, when the dossier comes back; nothing else changes them', TG_TABLE_NAME
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER dossier_agency_transfers_write_once BEFORE UPDATE OR DELETE ON dossier_agency_transfers FOR EACH ROW EXECUTE FUNCTION complete_agency_transfer_once();");
            migrationBuilder.Sql("CREATE TRIGGER dossier_agency_transfers_no_truncate BEFORE TRUNCATE ON dossier_agency_transfers FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER dossier_agency_transfers_write_once ON dossier_agency_transfers;");
            migrationBuilder.Sql("DROP TRIGGER dossier_agency_transfers_no_truncate ON dossier_agency_transfers;");
            migrationBuilder.Sql("DROP FUNCTION complete_agency_transfer_once();");

            migrationBuilder.DropTable(
                name: "dossier_agency_transfers");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_transferred_from_unit_code",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "transferred_from_unit_code",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "transferred_to_agency_code",
                table: "dossiers");
        }
    }
}
