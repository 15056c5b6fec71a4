using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Cchc.Directives.Data.Migrations
{
    /// <inheritdoc />
    public partial class DocumentsAndTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    symbol = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    issuer_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    issuer_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    term = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    signer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signer_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issue_year = table.Column<int>(type: "integer", nullable: false),
                    issue_month = table.Column<int>(type: "integer", nullable: true),
                    issue_day = table.Column<int>(type: "integer", nullable: true),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: true),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    full_text = table.Column<string>(type: "text", nullable: false),
                    remarks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    numbered = table.Column<bool>(type: "boolean", nullable: false),
                    symbol_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    issuer_key = table.Column<string>(type: "character varying(310)", maxLength: 310, nullable: false),
                    numbering_period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sort_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false, collation: "C"),
                    search_head = table.Column<string>(type: "text", nullable: false),
                    search_body = table.Column<string>(type: "text", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('simple', search_head), 'A') || setweight(to_tsvector('simple', search_body), 'D')", stored: true),
                    attachments = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_documents_units_issuer_unit_code",
                        column: x => x.issuer_unit_code,
                        principalTable: "units",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "document_references",
                columns: table => new
                {
                    from_document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_references", x => new { x.from_document_id, x.to_document_id, x.kind });
                    table.ForeignKey(
                        name: "fk_document_references_documents_from_document_id",
                        column: x => x.from_document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_document_references_documents_to_document_id",
                        column: x => x.to_document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    lead_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    coordinating_unit_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    recurrence_frequency = table.Column<int>(type: "integer", nullable: true),
                    recurrence_due_day = table.Column<int>(type: "integer", nullable: false),
                    recurrence_due_month = table.Column<int>(type: "integer", nullable: false),
                    recurrence_starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recurrence_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    parent_task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    remarks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cancel_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    list_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    officials = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_tasks_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tasks_tasks_parent_task_id",
                        column: x => x.parent_task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tasks_units_lead_unit_code",
                        column: x => x.lead_unit_code,
                        principalTable: "units",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "progress_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    percent = table.Column<int>(type: "integer", nullable: false),
                    reported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reporter_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reporter_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    send_back_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    evidence = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_reports_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_document_references_to_document_id_kind",
                table: "document_references",
                columns: new[] { "to_document_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_documents_issuer_key_symbol_key_numbering_period",
                table: "documents",
                columns: new[] { "issuer_key", "symbol_key", "numbering_period" },
                unique: true,
                filter: "numbered");

            migrationBuilder.CreateIndex(
                name: "ix_documents_issuer_unit_code",
                table: "documents",
                column: "issuer_unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_documents_search_vector",
                table: "documents",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_documents_sort_key",
                table: "documents",
                column: "sort_key");

            migrationBuilder.CreateIndex(
                name: "ix_documents_symbol_key_trgm",
                table: "documents",
                column: "symbol_key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_one_confirmed",
                table: "progress_reports",
                columns: new[] { "task_id", "period" },
                unique: true,
                filter: "state = 2");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_task_id_reported_at",
                table: "progress_reports",
                columns: new[] { "task_id", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_document_id_number",
                table: "tasks",
                columns: new[] { "document_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_lead_unit_code",
                table: "tasks",
                column: "lead_unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_list_key",
                table: "tasks",
                column: "list_key");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_parent_task_id",
                table: "tasks",
                column: "parent_task_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_references");

            migrationBuilder.DropTable(
                name: "progress_reports");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "documents");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
