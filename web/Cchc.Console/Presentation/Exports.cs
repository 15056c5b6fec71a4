using Cchc.Directives.V1;
using Cchc.Dossiers.V1;

namespace Cchc.Console.Presentation;

/// <summary>The columns of each table the console exports to Excel, with their Vietnamese headers.</summary>
public static class Exports
{
    /// <summary>The leadership dashboard's dossiers per unit.</summary>
    public static IReadOnlyList<ExcelColumn<DossierStatisticsRow>> DossierUnits(Func<DossierStatisticsRow, string> unitName) =>
    [
        new("Đơn vị", unitName),
        new("Tiếp nhận", r => r.Received),
        new("Đã giải quyết", r => r.Finished),
        new("Tỷ lệ đúng hạn", r => new Share(r.OnTimeShare)),
        new("Đang quá hạn", r => r.OverdueNow),
        new("Phiếu xin lỗi", r => r.ApologyLetters),
    ];

    /// <summary>Tasks per lead unit (GetTaskStatistics), the totals row last.</summary>
    public static IReadOnlyList<ExcelColumn<UnitTaskCounts>> TaskUnits { get; } =
    [
        new("Đơn vị chủ trì", u => string.IsNullOrEmpty(u.UnitName) ? u.UnitCode : u.UnitName),
        new("Tổng số", u => u.Counts?.Total ?? 0),
        new("Chưa thực hiện", u => u.Counts?.NotStarted ?? 0),
        new("Đang thực hiện", u => u.Counts?.InProgress ?? 0),
        new("Hoàn thành đúng hạn", u => u.Counts?.DoneOnTime ?? 0),
        new("Hoàn thành quá hạn", u => u.Counts?.DoneLate ?? 0),
        new("Quá hạn", u => u.Counts?.Overdue ?? 0),
        new("Hủy", u => u.Counts?.Cancelled ?? 0),
        new("Thường xuyên", u => u.Ongoing),
    ];

    /// <summary>The units of a task statistics answer and a last row "Tổng cộng" with the totals.</summary>
    public static IReadOnlyList<UnitTaskCounts> WithTotals(GetTaskStatisticsResponse statistics) =>
        [.. statistics.Units, new UnitTaskCounts { UnitName = "Tổng cộng", Counts = statistics.Totals ?? new TaskCounts(), Ongoing = statistics.Ongoing }];

    /// <summary>The follow-up office's tasks.</summary>
    public static IReadOnlyList<ExcelColumn<DirectiveTask>> Tasks(Func<string, string> unitName) =>
    [
        new("Văn bản", t => t.DocumentSymbol),
        new("Mục", t => t.Number),
        new("Nhiệm vụ", t => t.Title),
        new("Đơn vị chủ trì", t => unitName(t.LeadUnitCode)),
        new("Hạn", t => DirectiveTasks.Day(t.DueDate) is { } day ? (object)day : "Thường xuyên"),
        new("Tình trạng", t => DirectiveTasks.StatusName(t.Status)),
        new("Trễ (ngày làm việc)", t => t.WorkingDaysLate),
        new("Tiến độ", t => new Share(t.Percent / 100d)),
        new("Ngày hoàn thành", t => DirectiveTasks.Day(t.CompletedOn)),
        new("Số lần đôn đốc", t => t.ChaseUpCount),
    ];
}
