using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProcedureVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "change_note",
                table: "procedures",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "procedures",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "fees",
                table: "procedures",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "process_steps",
                table: "procedures",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "required_papers",
                table: "procedures",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "result_kind",
                table: "procedures",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Unspecified");

            migrationBuilder.AddColumn<string>(
                name: "result_name",
                table: "procedures",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "target_amount",
                table: "procedures",
                type: "numeric(9,2)",
                precision: 9,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "target_cut_percent",
                table: "procedures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "paused_working_minutes",
                table: "dossiers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "processing_working_minutes",
                table: "dossiers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "target_due_at",
                table: "dossiers",
                type: "timestamp with time zone",
                nullable: true);

            // Versions written before this migration list no fees, papers or steps.
            migrationBuilder.Sql("UPDATE procedures SET fees = '[]', required_papers = '[]', process_steps = '[]';");

            // A version is a record like the audit trail: amending writes the next version, and the
            // database refuses to change or delete one, so a dossier's version means what it meant at intake.
            migrationBuilder.Sql("CREATE TRIGGER procedures_append_only BEFORE UPDATE OR DELETE ON procedures FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();");
            migrationBuilder.Sql("CREATE TRIGGER procedures_no_truncate BEFORE TRUNCATE ON procedures FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER procedures_append_only ON procedures;");
            migrationBuilder.Sql("DROP TRIGGER procedures_no_truncate ON procedures;");

            migrationBuilder.DropColumn(
                name: "change_note",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "fees",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "process_steps",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "required_papers",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "result_kind",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "result_name",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "target_amount",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "target_cut_percent",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "paused_working_minutes",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "processing_working_minutes",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "target_due_at",
                table: "dossiers");
        }
    }
}
