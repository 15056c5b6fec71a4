using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Indexes.Data.Migrations
{
    /// <inheritdoc />
    public partial class SelfAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    framework_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    framework_version = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    started_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    locked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    locked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessments_index_frameworks_framework_code_framework_versi",
                        columns: x => new { x.framework_code, x.framework_version },
                        principalTable: "index_frameworks",
                        principalColumns: new[] { "code", "version" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_criteria",
                columns: table => new
                {
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criterion_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    self_score = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    scored_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    appraised_score = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: true),
                    appraisal_comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    appraised_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    appraised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_criteria", x => new { x.assessment_id, x.criterion_code });
                    table.ForeignKey(
                        name: "fk_assessment_criteria_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_evidence",
                columns: table => new
                {
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criterion_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    document_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    task_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    report_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    title = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_evidence", x => new { x.assessment_id, x.criterion_code, x.ordinal });
                    table.ForeignKey(
                        name: "fk_assessment_evidence_assessment_criteria_assessment_id_crite",
                        columns: x => new { x.assessment_id, x.criterion_code },
                        principalTable: "assessment_criteria",
                        principalColumns: new[] { "assessment_id", "criterion_code" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_framework_code_framework_version",
                table: "assessments",
                columns: new[] { "framework_code", "framework_version" });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_framework_code_year_unit_code",
                table: "assessments",
                columns: new[] { "framework_code", "year", "unit_code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessment_evidence");

            migrationBuilder.DropTable(
                name: "assessment_criteria");

            migrationBuilder.DropTable(
                name: "assessments");
        }
    }
}
