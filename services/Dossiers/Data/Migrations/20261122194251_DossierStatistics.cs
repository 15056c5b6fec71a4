using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class DossierStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_dossiers_submitted_at",
                table: "dossiers",
                column: "submitted_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_submitted_at",
                table: "dossiers");
        }
    }
}
