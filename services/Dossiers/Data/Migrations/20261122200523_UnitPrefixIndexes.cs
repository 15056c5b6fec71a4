using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnitPrefixIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_current_unit_code",
                table: "dossiers");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_receiving_unit_code",
                table: "dossiers");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_transferred_from_unit_code",
                table: "dossiers");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_current_unit_code",
                table: "dossiers",
                column: "current_unit_code")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_receiving_unit_code",
                table: "dossiers",
                column: "receiving_unit_code")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_transferred_from_unit_code",
                table: "dossiers",
                column: "transferred_from_unit_code")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_current_unit_code",
                table: "dossiers");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_receiving_unit_code",
                table: "dossiers");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_transferred_from_unit_code",
                table: "dossiers");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_current_unit_code",
                table: "dossiers",
                column: "current_unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_receiving_unit_code",
                table: "dossiers",
                column: "receiving_unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_transferred_from_unit_code",
                table: "dossiers",
                column: "transferred_from_unit_code");
        }
    }
}
