using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Indexes.Data.Migrations
{
    /// <inheritdoc />
    public partial class FactsFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "dossier_facts")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "dossier_facts")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);
        }
    }
}
