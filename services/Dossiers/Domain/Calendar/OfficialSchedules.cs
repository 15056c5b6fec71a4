using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>
/// Official holiday and swap schedules for cán bộ, công chức, viên chức.
/// Only dates already decided are listed; later decisions are added through <see cref="WorkingCalendar.With"/>.
/// </summary>
public static class OfficialSchedules
{
    private const string LabourCode = "Bộ luật Lao động 2019, Điều 112";

    // Where a notice number was not at hand the reference names the decision and its approver;
    // replace it with the document number once the records office confirms it.
    private const string Tet2024 = "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2024 (Thủ tướng phê duyệt)";
    private const string Swap2024Apr = "Thông báo hoán đổi ngày làm việc dịp 30/4–1/5/2024 (Thủ tướng đồng ý)";
    private const string Tet2025 = "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2025 (Thủ tướng phê duyệt)";
    private const string Swap2025Apr = "Thông báo hoán đổi ngày làm việc dịp 30/4–1/5/2025 (Thủ tướng đồng ý)";
    private const string Swap2026Jan = "Công văn 12729/VPCP-KGVX ngày 25/12/2025";
    private const string Tet2026 = "Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2026 (Thủ tướng phê duyệt ngày 13/10/2025)";
    private const string Swap2026Sep = "Thông báo hoán đổi ngày làm việc dịp Quốc khánh 2026 (Thủ tướng đồng ý)";

    public static IReadOnlyList<CalendarException> Vietnam2024_2026 { get; } = Array.AsReadOnly(Build());

    private static CalendarException[] Build() =>
    [
        // 2024
        Holiday(2024, 1, 1, "Tết Dương lịch", LabourCode),
        Holiday(2024, 2, 8, "Tết Nguyên đán Giáp Thìn", Tet2024),
        Holiday(2024, 2, 9, "Tết Nguyên đán Giáp Thìn", Tet2024),
        Holiday(2024, 2, 12, "Tết Nguyên đán Giáp Thìn", Tet2024),
        Compensatory(2024, 2, 13, "Nghỉ bù Tết Nguyên đán Giáp Thìn", Tet2024),
        Compensatory(2024, 2, 14, "Nghỉ bù Tết Nguyên đán Giáp Thìn", Tet2024),
        Holiday(2024, 4, 18, "Giỗ Tổ Hùng Vương", LabourCode + " (10/3 âm lịch Giáp Thìn, tính ra 18/04/2024)"),
        SwapOff(2024, 4, 29, "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/05/2024)", Swap2024Apr),
        Holiday(2024, 4, 30, "Ngày Chiến thắng", LabourCode),
        Holiday(2024, 5, 1, "Ngày Quốc tế Lao động", LabourCode),
        SwapWorkday(2024, 5, 4, "Làm bù cho ngày nghỉ 29/04/2024", Swap2024Apr),
        Holiday(2024, 9, 2, "Quốc khánh", LabourCode),
        Holiday(2024, 9, 3, "Quốc khánh", LabourCode),

        // 2025
        Holiday(2025, 1, 1, "Tết Dương lịch", LabourCode),
        Holiday(2025, 1, 27, "Tết Nguyên đán Ất Tỵ", Tet2025),
        Holiday(2025, 1, 28, "Tết Nguyên đán Ất Tỵ", Tet2025),
        Holiday(2025, 1, 29, "Tết Nguyên đán Ất Tỵ", Tet2025),
        Holiday(2025, 1, 30, "Tết Nguyên đán Ất Tỵ", Tet2025),
        Holiday(2025, 1, 31, "Tết Nguyên đán Ất Tỵ", Tet2025),
        Holiday(2025, 4, 7, "Giỗ Tổ Hùng Vương", LabourCode + " (10/3 âm lịch Ất Tỵ)"),
        SwapWorkday(2025, 4, 26, "Làm bù cho ngày nghỉ 02/05/2025", Swap2025Apr),
        Holiday(2025, 4, 30, "Ngày Chiến thắng", LabourCode),
        Holiday(2025, 5, 1, "Ngày Quốc tế Lao động", LabourCode),
        SwapOff(2025, 5, 2, "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025)", Swap2025Apr),
        Holiday(2025, 9, 1, "Quốc khánh", LabourCode),
        Holiday(2025, 9, 2, "Quốc khánh", LabourCode),

        // 2026
        Holiday(2026, 1, 1, "Tết Dương lịch", LabourCode),
        SwapOff(2026, 1, 2, "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)", Swap2026Jan),
        SwapWorkday(2026, 1, 10, "Làm bù cho ngày nghỉ 02/01/2026", Swap2026Jan),
        Holiday(2026, 2, 16, "Tết Nguyên đán Bính Ngọ", Tet2026),
        Holiday(2026, 2, 17, "Tết Nguyên đán Bính Ngọ", Tet2026),
        Holiday(2026, 2, 18, "Tết Nguyên đán Bính Ngọ", Tet2026),
        Holiday(2026, 2, 19, "Tết Nguyên đán Bính Ngọ", Tet2026),
        Holiday(2026, 2, 20, "Tết Nguyên đán Bính Ngọ", Tet2026),
        Compensatory(2026, 4, 27, "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 26/04/2026)", LabourCode),
        Holiday(2026, 4, 30, "Ngày Chiến thắng", LabourCode),
        Holiday(2026, 5, 1, "Ngày Quốc tế Lao động", LabourCode),
        SwapWorkday(2026, 8, 22, "Làm bù cho ngày nghỉ 31/08/2026", Swap2026Sep),
        SwapOff(2026, 8, 31, "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08/2026)", Swap2026Sep),
        Holiday(2026, 9, 1, "Quốc khánh", LabourCode),
        Holiday(2026, 9, 2, "Quốc khánh", LabourCode),
    ];

    private static CalendarException Holiday(int year, int month, int day, string name, string reference) =>
        new(new DateOnly(year, month, day), CalendarDayKind.Holiday, name, reference);

    private static CalendarException Compensatory(int year, int month, int day, string name, string reference) =>
        new(new DateOnly(year, month, day), CalendarDayKind.Compensatory, name, reference);

    private static CalendarException SwapOff(int year, int month, int day, string name, string reference) =>
        new(new DateOnly(year, month, day), CalendarDayKind.SwapOff, name, reference);

    private static CalendarException SwapWorkday(int year, int month, int day, string name, string reference) =>
        new(new DateOnly(year, month, day), CalendarDayKind.SwapWorkday, name, reference);
}
