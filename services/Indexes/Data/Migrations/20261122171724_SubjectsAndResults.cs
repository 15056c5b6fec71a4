using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cchc.Indexes.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubjectsAndResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "index_result_revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    result_id = table.Column<long>(type: "bigint", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    snapshot_json = table.Column<string>(type: "jsonb", nullable: false),
                    replaced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replaced_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_result_revisions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subjects",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subjects", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "index_results",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    framework_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    framework_version = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    subject_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    total = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: true),
                    rank = table.Column<int>(type: "integer", nullable: true),
                    ranked_count = table.Column<int>(type: "integer", nullable: true),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    unconfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_results", x => x.id);
                    table.ForeignKey(
                        name: "fk_index_results_subjects_subject_code",
                        column: x => x.subject_code,
                        principalTable: "subjects",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "successions",
                columns: table => new
                {
                    predecessor_code = table.Column<string>(type: "character varying(64)", nullable: false),
                    successor_code = table.Column<string>(type: "character varying(64)", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    legal_reference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_successions", x => new { x.predecessor_code, x.successor_code });
                    table.ForeignKey(
                        name: "fk_successions_subjects_predecessor_code",
                        column: x => x.predecessor_code,
                        principalTable: "subjects",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_successions_subjects_successor_code",
                        column: x => x.successor_code,
                        principalTable: "subjects",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "index_component_scores",
                columns: table => new
                {
                    result_id = table.Column<long>(type: "bigint", nullable: false),
                    component_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    score = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_component_scores", x => new { x.result_id, x.component_code });
                    table.ForeignKey(
                        name: "fk_index_component_scores_index_results_result_id",
                        column: x => x.result_id,
                        principalTable: "index_results",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_index_result_revisions_result_id",
                table: "index_result_revisions",
                column: "result_id");

            migrationBuilder.CreateIndex(
                name: "ix_index_results_framework_code_year_subject_code",
                table: "index_results",
                columns: new[] { "framework_code", "year", "subject_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_index_results_subject_code_framework_code",
                table: "index_results",
                columns: new[] { "subject_code", "framework_code" });

            migrationBuilder.CreateIndex(
                name: "ix_successions_successor_code",
                table: "successions",
                column: "successor_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "index_component_scores");

            migrationBuilder.DropTable(
                name: "index_result_revisions");

            migrationBuilder.DropTable(
                name: "successions");

            migrationBuilder.DropTable(
                name: "index_results");

            migrationBuilder.DropTable(
                name: "subjects");
        }
    }
}
