using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cchc.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmailSmsRecipientsDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "message_id",
                table: "operator_alerts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "digest_runs",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    queued = table.Column<int>(type: "integer", nullable: false),
                    ran_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digest_runs", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "message_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    answer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    duration_ms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbound_messages",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    recipient_kind = table.Column<int>(type: "integer", nullable: false),
                    recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    masked_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    template_version = table.Column<int>(type: "integer", nullable: false),
                    values = table.Column<string>(type: "jsonb", nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    dedup_key = table.Column<string>(type: "character varying(700)", maxLength: 700, nullable: false),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    attempt_count = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbound_messages", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "overdue_items",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    due = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overdue_items", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "recipients",
                columns: table => new
                {
                    official_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    unit_head = table.Column<bool>(type: "boolean", nullable: false),
                    leadership = table.Column<bool>(type: "boolean", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    channels = table.Column<int[]>(type: "integer[]", nullable: false),
                    muted_kinds = table.Column<List<string>>(type: "text[]", nullable: false),
                    quiet_from = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    quiet_until = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recipients", x => x.official_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_message_attempts_message_id",
                table: "message_attempts",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbound_messages_dedup_key",
                table: "outbound_messages",
                column: "dedup_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbound_messages_event_id",
                table: "outbound_messages",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbound_messages_id",
                table: "outbound_messages",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbound_messages_recipient_sequence",
                table: "outbound_messages",
                columns: new[] { "recipient", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_outbound_messages_state_next_attempt_at",
                table: "outbound_messages",
                columns: new[] { "state", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_overdue_items_unit_code",
                table: "overdue_items",
                column: "unit_code",
                filter: "closed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_recipients_unit_code",
                table: "recipients",
                column: "unit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digest_runs");

            migrationBuilder.DropTable(
                name: "message_attempts");

            migrationBuilder.DropTable(
                name: "outbound_messages");

            migrationBuilder.DropTable(
                name: "overdue_items");

            migrationBuilder.DropTable(
                name: "recipients");

            migrationBuilder.DropColumn(
                name: "message_id",
                table: "operator_alerts");
        }
    }
}
