using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class AfternoonCutoffByProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every procedure version and every stored agency policy takes the sources' rule: the cut-off
            // for same-day procedures only. Dossiers already received keep their stored dates.
            migrationBuilder.AddColumn<int>(
                name: "afternoon_cutoff",
                table: "procedures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "cutoff_scope",
                table: "intake_policies",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "afternoon_cutoff",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "cutoff_scope",
                table: "intake_policies");
        }
    }
}
