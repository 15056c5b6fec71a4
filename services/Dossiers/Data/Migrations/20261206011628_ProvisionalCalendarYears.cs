using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProvisionalCalendarYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "calendar_provisional",
                table: "dossiers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "calendar_year_notices",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_year_notices", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    legal_reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    confirmed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_years", x => x.year);
                });

            // The years whose official schedules shipped with the WorkingCalendar migration; every other
            // year is provisional and counts the Labour Code's holidays until an administrator confirms it.
            migrationBuilder.InsertData(
                table: "calendar_years",
                columns: ["year", "legal_reference", "confirmed_by"],
                values: new object[,]
                {
                    { 2024, "Bộ luật Lao động 2019, Điều 112; thông báo nghỉ Tết Âm lịch và hoán đổi ngày làm việc năm 2024 (Thủ tướng phê duyệt)", "Cchc (lịch chính thức kèm theo bản phát hành)" },
                    { 2025, "Bộ luật Lao động 2019, Điều 112; thông báo nghỉ Tết Âm lịch và hoán đổi ngày làm việc năm 2025 (Thủ tướng phê duyệt)", "Cchc (lịch chính thức kèm theo bản phát hành)" },
                    { 2026, "Bộ luật Lao động 2019, Điều 112; Công văn 12729/VPCP-KGVX ngày 25/12/2025; Tết Âm lịch 2026 (Thủ tướng phê duyệt ngày 13/10/2025)", "Cchc (lịch chính thức kèm theo bản phát hành)" },
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_year_notices");

            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropColumn(
                name: "calendar_provisional",
                table: "dossiers");
        }
    }
}
