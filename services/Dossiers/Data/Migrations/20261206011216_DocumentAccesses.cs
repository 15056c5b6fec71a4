using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class DocumentAccesses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "document_accesses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    applicant_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: true),
                    dossier_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    accessed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    accessed_by_agency = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    accessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_accesses", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_document_accesses_applicant_key_accessed_at",
                table: "document_accesses",
                columns: new[] { "applicant_key", "accessed_at" });

            // A record of who saw a citizen's papers is never changed or removed.
            migrationBuilder.Sql("CREATE TRIGGER document_accesses_append_only BEFORE UPDATE OR DELETE ON document_accesses FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();");
            migrationBuilder.Sql("CREATE TRIGGER document_accesses_no_truncate BEFORE TRUNCATE ON document_accesses FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_accesses");
        }
    }
}
