using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class RatingsAndOnlinePayment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "paid_online",
                table: "dossiers",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rated_at",
                table: "dossiers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rating_overall",
                table: "dossiers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dossier_ratings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dossier_id = table.Column<long>(type: "bigint", nullable: false),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    overall = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    criteria = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_ratings", x => x.id);
                    table.ForeignKey(
                        name: "fk_dossier_ratings_dossiers_dossier_id",
                        column: x => x.dossier_id,
                        principalTable: "dossiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_ratings_dossier_id",
                table: "dossier_ratings",
                column: "dossier_id",
                unique: true);

            // A rating is the applicant's word: written once, never changed.
            migrationBuilder.Sql("CREATE TRIGGER dossier_ratings_append_only BEFORE UPDATE OR DELETE ON dossier_ratings FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();");
            migrationBuilder.Sql("CREATE TRIGGER dossier_ratings_no_truncate BEFORE TRUNCATE ON dossier_ratings FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_ratings");

            migrationBuilder.DropColumn(
                name: "paid_online",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "rated_at",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "rating_overall",
                table: "dossiers");
        }
    }
}
