using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Indexes.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServiceIndex766 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossier_facts",
                columns: table => new
                {
                    dossier_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    province_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    receiving_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    procedure_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    received_year = table.Column<int>(type: "integer", nullable: true),
                    received_month = table.Column<int>(type: "integer", nullable: true),
                    legal_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    supplement_request_count = table.Column<int>(type: "integer", nullable: false),
                    papers_total = table.Column<int>(type: "integer", nullable: false),
                    papers_digitised = table.Column<int>(type: "integer", nullable: false),
                    papers_reused = table.Column<int>(type: "integer", nullable: false),
                    result_electronic = table.Column<bool>(type: "boolean", nullable: false),
                    paid_online = table.Column<bool>(type: "boolean", nullable: true),
                    satisfied = table.Column<bool>(type: "boolean", nullable: true),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_facts", x => x.dossier_code);
                });

            migrationBuilder.CreateTable(
                name: "feed_cursors",
                columns: table => new
                {
                    feed = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_cursors", x => x.feed);
                });

            migrationBuilder.CreateTable(
                name: "manual_indicator_values",
                columns: table => new
                {
                    indicator_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    period_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ratio = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    entered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_manual_indicator_values", x => new { x.indicator_code, x.scope_kind, x.scope_code, x.period_kind, x.period });
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_facts_agency_code_received_year_received_month",
                table: "dossier_facts",
                columns: new[] { "agency_code", "received_year", "received_month" });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_facts_province_code_received_year_received_month",
                table: "dossier_facts",
                columns: new[] { "province_code", "received_year", "received_month" });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_facts_receiving_unit_code_received_year_received_mo",
                table: "dossier_facts",
                columns: new[] { "receiving_unit_code", "received_year", "received_month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_facts");

            migrationBuilder.DropTable(
                name: "feed_cursors");

            migrationBuilder.DropTable(
                name: "manual_indicator_values");
        }
    }
}
