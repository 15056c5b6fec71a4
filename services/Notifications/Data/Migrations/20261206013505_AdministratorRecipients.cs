using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdministratorRecipients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "administrator",
                table: "recipients",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "administrator",
                table: "recipients");
        }
    }
}
