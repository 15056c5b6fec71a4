using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cchc.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkingCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    legal_reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_days", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "intake_policies",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    afternoon_cutoff = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    morning_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    morning_end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    afternoon_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    afternoon_end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intake_policies", x => x.agency_code);
                });

            // The official schedules for 2024–2026 (OfficialSchedules.Vietnam2024_2026) as literals, frozen
            // with this migration: it runs once per database, so a day an administrator later deletes or edits
            // stays that way, and a later change to the code cannot rewrite what an existing database shipped with.
            migrationBuilder.InsertData(
                table: "calendar_days",
                columns: new[] { "date", "kind", "name", "legal_reference" },
                values: new object[,]
                {
                    { new DateOnly(2024, 1, 1), "Holiday", "Tết Dương lịch", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2024, 2, 8), "Holiday", "Tết Nguyên đán Giáp Thìn", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2024 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2024, 2, 9), "Holiday", "Tết Nguyên đán Giáp Thìn", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2024 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2024, 2, 12), "Holiday", "Tết Nguyên đán Giáp Thìn", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2024 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2024, 2, 13), "Compensatory", "Nghỉ bù Tết Nguyên đán Giáp Thìn", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2024 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2024, 2, 14), "Compensatory", "Nghỉ bù Tết Nguyên đán Giáp Thìn", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2024 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2024, 4, 18), "Holiday", "Giỗ Tổ Hùng Vương", "Bộ luật Lao động 2019, Điều 112 (10/3 âm lịch Giáp Thìn, tính ra 18/04/2024)" },
                    { new DateOnly(2024, 4, 29), "SwapOff", "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/05/2024)", "Thông báo hoán đổi ngày làm việc dịp 30/4–1/5/2024 (Thủ tướng đồng ý)" },
                    { new DateOnly(2024, 4, 30), "Holiday", "Ngày Chiến thắng", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2024, 5, 1), "Holiday", "Ngày Quốc tế Lao động", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2024, 5, 4), "SwapWorkday", "Làm bù cho ngày nghỉ 29/04/2024", "Thông báo hoán đổi ngày làm việc dịp 30/4–1/5/2024 (Thủ tướng đồng ý)" },
                    { new DateOnly(2024, 9, 2), "Holiday", "Quốc khánh", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2024, 9, 3), "Holiday", "Quốc khánh", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2025, 1, 1), "Holiday", "Tết Dương lịch", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2025, 1, 27), "Holiday", "Tết Nguyên đán Ất Tỵ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2025 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2025, 1, 28), "Holiday", "Tết Nguyên đán Ất Tỵ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2025 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2025, 1, 29), "Holiday", "Tết Nguyên đán Ất Tỵ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2025 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2025, 1, 30), "Holiday", "Tết Nguyên đán Ất Tỵ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2025 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2025, 1, 31), "Holiday", "Tết Nguyên đán Ất Tỵ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2025 (Thủ tướng phê duyệt)" },
                    { new DateOnly(2025, 4, 7), "Holiday", "Giỗ Tổ Hùng Vương", "Bộ luật Lao động 2019, Điều 112 (10/3 âm lịch Ất Tỵ)" },
                    { new DateOnly(2025, 4, 26), "SwapWorkday", "Làm bù cho ngày nghỉ 02/05/2025", "Thông báo hoán đổi ngày làm việc dịp 30/4–1/5/2025 (Thủ tướng đồng ý)" },
                    { new DateOnly(2025, 4, 30), "Holiday", "Ngày Chiến thắng", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2025, 5, 1), "Holiday", "Ngày Quốc tế Lao động", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2025, 5, 2), "SwapOff", "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025)", "Thông báo hoán đổi ngày làm việc dịp 30/4–1/5/2025 (Thủ tướng đồng ý)" },
                    { new DateOnly(2025, 9, 1), "Holiday", "Quốc khánh", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2025, 9, 2), "Holiday", "Quốc khánh", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2026, 1, 1), "Holiday", "Tết Dương lịch", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2026, 1, 2), "SwapOff", "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)", "Công văn 12729/VPCP-KGVX ngày 25/12/2025" },
                    { new DateOnly(2026, 1, 10), "SwapWorkday", "Làm bù cho ngày nghỉ 02/01/2026", "Công văn 12729/VPCP-KGVX ngày 25/12/2025" },
                    { new DateOnly(2026, 2, 16), "Holiday", "Tết Nguyên đán Bính Ngọ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2026 (Thủ tướng phê duyệt ngày 13/10/2025)" },
                    { new DateOnly(2026, 2, 17), "Holiday", "Tết Nguyên đán Bính Ngọ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2026 (Thủ tướng phê duyệt ngày 13/10/2025)" },
                    { new DateOnly(2026, 2, 18), "Holiday", "Tết Nguyên đán Bính Ngọ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2026 (Thủ tướng phê duyệt ngày 13/10/2025)" },
                    { new DateOnly(2026, 2, 19), "Holiday", "Tết Nguyên đán Bính Ngọ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2026 (Thủ tướng phê duyệt ngày 13/10/2025)" },
                    { new DateOnly(2026, 2, 20), "Holiday", "Tết Nguyên đán Bính Ngọ", "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2026 (Thủ tướng phê duyệt ngày 13/10/2025)" },
                    { new DateOnly(2026, 4, 27), "Compensatory", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 26/04/2026)", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2026, 4, 30), "Holiday", "Ngày Chiến thắng", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2026, 5, 1), "Holiday", "Ngày Quốc tế Lao động", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2026, 8, 22), "SwapWorkday", "Làm bù cho ngày nghỉ 31/08/2026", "Thông báo hoán đổi ngày làm việc dịp Quốc khánh 2026 (Thủ tướng đồng ý)" },
                    { new DateOnly(2026, 8, 31), "SwapOff", "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08/2026)", "Thông báo hoán đổi ngày làm việc dịp Quốc khánh 2026 (Thủ tướng đồng ý)" },
                    { new DateOnly(2026, 9, 1), "Holiday", "Quốc khánh", "Bộ luật Lao động 2019, Điều 112" },
                    { new DateOnly(2026, 9, 2), "Holiday", "Quốc khánh", "Bộ luật Lao động 2019, Điều 112" },
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "intake_policies");
        }
    }
}
