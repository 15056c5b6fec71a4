using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApologyLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "legal_due_at",
                table: "dossiers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "dossier_apology_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dossier_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    previous_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    new_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    agency_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    signer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signer_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_apology_letters", x => x.id);
                    table.ForeignKey(
                        name: "fk_dossier_apology_letters_dossiers_dossier_id",
                        column: x => x.dossier_id,
                        principalTable: "dossiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_apology_letters_dossier_id_number",
                table: "dossier_apology_letters",
                columns: new[] { "dossier_id", "number" },
                unique: true);

            // Until now the appointment moved only with supplement pauses, so it is the legal deadline.
            migrationBuilder.Sql("UPDATE dossiers SET legal_due_at = due_at;");

            // The letters are the history of a dossier's appointment: records, like the audit trail.
            migrationBuilder.Sql("CREATE TRIGGER dossier_apology_letters_append_only BEFORE UPDATE OR DELETE ON dossier_apology_letters FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();");
            migrationBuilder.Sql("CREATE TRIGGER dossier_apology_letters_no_truncate BEFORE TRUNCATE ON dossier_apology_letters FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_apology_letters");

            migrationBuilder.DropColumn(
                name: "legal_due_at",
                table: "dossiers");
        }
    }
}
