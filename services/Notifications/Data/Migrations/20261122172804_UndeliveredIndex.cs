using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class UndeliveredIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_subscription_id_subject_sequence",
                table: "webhook_deliveries");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_undelivered",
                table: "webhook_deliveries",
                columns: new[] { "subscription_id", "subject", "sequence" },
                filter: "state <> 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_undelivered",
                table: "webhook_deliveries");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_subscription_id_subject_sequence",
                table: "webhook_deliveries",
                columns: new[] { "subscription_id", "subject", "sequence" });
        }
    }
}
