using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class DigitisedPapers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "papers_digitised",
                table: "dossiers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "papers_reused",
                table: "dossiers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "result_document_id",
                table: "dossiers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "digitised_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    applicant_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    paper_key = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    paper_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    media_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source_dossier_id = table.Column<long>(type: "bigint", nullable: false),
                    source_dossier_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digitised_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_digitised_documents_dossiers_source_dossier_id",
                        column: x => x.source_dossier_id,
                        principalTable: "dossiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "digitised_contents",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digitised_contents", x => x.document_id);
                    table.ForeignKey(
                        name: "fk_digitised_contents_digitised_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "digitised_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_digitised_documents_applicant_key_paper_key",
                table: "digitised_documents",
                columns: new[] { "applicant_key", "paper_key" });

            migrationBuilder.CreateIndex(
                name: "ix_digitised_documents_applicant_key_sha256",
                table: "digitised_documents",
                columns: new[] { "applicant_key", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_digitised_documents_source_dossier_id",
                table: "digitised_documents",
                column: "source_dossier_id");

            // Paper lines written before this migration have no code and were not reused.
            migrationBuilder.Sql("""
                UPDATE dossiers SET papers = (
                    SELECT coalesce(jsonb_agg(jsonb_build_object('Code', '', 'Reused', false) || paper ORDER BY line), '[]'::jsonb)
                    FROM jsonb_array_elements(papers) WITH ORDINALITY AS lines(paper, line));
                """);

            // A digitised file is evidence: written once, never changed or deleted.
            foreach (var table in new[] { "digitised_documents", "digitised_contents" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digitised_contents");

            migrationBuilder.DropTable(
                name: "digitised_documents");

            migrationBuilder.DropColumn(
                name: "papers_digitised",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "papers_reused",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "result_document_id",
                table: "dossiers");
        }
    }
}
