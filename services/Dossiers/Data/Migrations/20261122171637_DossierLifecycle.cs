using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class DossierLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossier_code_counters",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    last_value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_code_counters", x => new { x.agency_code, x.day });
                });

            migrationBuilder.CreateTable(
                name: "dossier_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    dossier_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "dossiers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    procedure_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    procedure_version = table.Column<int>(type: "integer", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    receiving_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    current_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    applicant_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    applicant_identity_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    applicant_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    applicant_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    applicant_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    applicant_address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    legal_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    supplement_request_count = table.Column<int>(type: "integer", nullable: false),
                    supplement_requirements = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    last_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    current_step_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    current_step_allowance_minutes = table.Column<int>(type: "integer", nullable: false),
                    current_step_paused_minutes = table.Column<int>(type: "integer", nullable: false),
                    lookup_secret_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    papers = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossiers", x => x.id);
                    table.ForeignKey(
                        name: "fk_dossiers_procedures_procedure_code_procedure_version",
                        columns: x => new { x.procedure_code, x.procedure_version },
                        principalTable: "procedures",
                        principalColumns: new[] { "code", "version" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_keys",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    value = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_keys", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "dossier_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dossier_id = table.Column<long>(type: "bigint", nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actor_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_roles = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_audit", x => x.id);
                    table.ForeignKey(
                        name: "fk_dossier_audit_dossiers_dossier_id",
                        column: x => x.dossier_id,
                        principalTable: "dossiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dossier_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dossier_id = table.Column<long>(type: "bigint", nullable: false),
                    from_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    to_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    handed_over_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    handed_over_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    step_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    handed_over_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    allowance_minutes = table.Column<int>(type: "integer", nullable: false),
                    used_minutes = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_dossier_steps_dossiers_dossier_id",
                        column: x => x.dossier_id,
                        principalTable: "dossiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_audit_dossier_id_id",
                table: "dossier_audit",
                columns: new[] { "dossier_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_steps_dossier_id_id",
                table: "dossier_steps",
                columns: new[] { "dossier_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_code",
                table: "dossiers",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_current_unit_code",
                table: "dossiers",
                column: "current_unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_procedure_code_procedure_version",
                table: "dossiers",
                columns: new[] { "procedure_code", "procedure_version" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_receiving_unit_code",
                table: "dossiers",
                column: "receiving_unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_request_id",
                table: "dossiers",
                column: "request_id",
                unique: true);

            // The audit trail, the process-control ledger and the change feed are records: the
            // service only ever inserts into them, and the database refuses anything else.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change_to_record() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: rows are never updated or deleted', TG_TABLE_NAME
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            foreach (var table in new[] { "dossier_audit", "dossier_steps", "dossier_events" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "dossier_audit", "dossier_steps", "dossier_events" })
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_append_only ON {table};");
                migrationBuilder.Sql($"DROP TRIGGER {table}_no_truncate ON {table};");
            }
            migrationBuilder.Sql("DROP FUNCTION refuse_change_to_record();");

            migrationBuilder.DropTable(
                name: "dossier_audit");

            migrationBuilder.DropTable(
                name: "dossier_code_counters");

            migrationBuilder.DropTable(
                name: "dossier_events");

            migrationBuilder.DropTable(
                name: "dossier_steps");

            migrationBuilder.DropTable(
                name: "service_keys");

            migrationBuilder.DropTable(
                name: "dossiers");
        }
    }
}
