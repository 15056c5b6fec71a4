using System.Globalization;
using Cchc.Directives.V1;
using MudBlazor;

namespace Cchc.Console.Presentation;

/// <summary>Tasks of directive documents in Vietnamese: status words and colours, the services' dates as dd/MM/yyyy.</summary>
public static class DirectiveTasks
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A "YYYY-MM-DD" of the services as a date; null for an empty or malformed one.</summary>
    public static DateOnly? Day(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>A task's due date: dd/MM/yyyy, or "Thường xuyên" for an ongoing task.</summary>
    public static string DueDate(string isoDate) => Day(isoDate)?.ToString("dd/MM/yyyy", Invariant) ?? "Thường xuyên";

    /// <summary>A document's issue date as printed: "2023-12-05" → 05/12/2023, "2023-12" → 12/2023, "2023" → 2023.</summary>
    public static string IssueDate(string text)
    {
        if (Day(text) is { } day)
        {
            return day.ToString("dd/MM/yyyy", Invariant);
        }
        return DateOnly.TryParseExact(text, "yyyy-MM", Invariant, DateTimeStyles.None, out var month)
            ? month.ToString("MM/yyyy", Invariant)
            : text;
    }

    /// <summary>
    /// The unit whose task statistics to ask for: none for an official with a unit (the service answers for
    /// their own scope: their unit, or the agency for leadership and the follow-up office), the console's agency
    /// for one without (an administrator, whom the service would otherwise refuse).
    /// </summary>
    public static string StatisticsUnit(string? ownUnit, string? agency) => string.IsNullOrEmpty(ownUnit) ? agency ?? "" : "";

    public static string StatusName(DirectiveTaskStatus status) => status switch
    {
        DirectiveTaskStatus.NotStarted => "Chưa thực hiện",
        DirectiveTaskStatus.InProgress => "Đang thực hiện",
        DirectiveTaskStatus.DoneOnTime => "Hoàn thành đúng hạn",
        DirectiveTaskStatus.DoneLate => "Hoàn thành quá hạn",
        DirectiveTaskStatus.Overdue => "Quá hạn",
        DirectiveTaskStatus.Cancelled => "Hủy",
        _ => "",
    };

    public static Color StatusColor(DirectiveTaskStatus status) => status switch
    {
        DirectiveTaskStatus.Overdue or DirectiveTaskStatus.DoneLate => Color.Error,
        DirectiveTaskStatus.DoneOnTime => Color.Success,
        DirectiveTaskStatus.Cancelled => Color.Default,
        _ => Color.Info,
    };

    public static string KindName(DocumentKind kind) => kind switch
    {
        Directives.V1.DocumentKind.Directive => "Chỉ thị",
        Directives.V1.DocumentKind.Dispatch => "Công văn",
        Directives.V1.DocumentKind.Plan => "Kế hoạch",
        Directives.V1.DocumentKind.Resolution => "Nghị quyết",
        Directives.V1.DocumentKind.Decision => "Quyết định",
        Directives.V1.DocumentKind.Conclusion => "Kết luận",
        Directives.V1.DocumentKind.Report => "Báo cáo",
        Directives.V1.DocumentKind.Notice => "Thông báo",
        Directives.V1.DocumentKind.Regulation => "Quy định",
        _ => "Văn bản",
    };

    public static string ReportStateName(ReportState state) => state switch
    {
        Directives.V1.ReportState.Submitted => "Chờ Văn phòng xem xét",
        Directives.V1.ReportState.Confirmed => "Đã xác nhận hoàn thành",
        Directives.V1.ReportState.SentBack => "Đã trả lại",
        _ => "",
    };

    public static Color ReportStateColor(ReportState state) => state switch
    {
        Directives.V1.ReportState.Confirmed => Color.Success,
        Directives.V1.ReportState.SentBack => Color.Warning,
        _ => Color.Info,
    };

    /// <summary>A file's size as an official reads it: "850 B", "12,5 KB", "3,2 MB".</summary>
    public static string Size(long bytes)
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        return bytes switch
        {
            < 1024 => $"{bytes} B",
            < 1024 * 1024 => (bytes / 1024d).ToString("0.#", vi) + " KB",
            _ => (bytes / (1024d * 1024)).ToString("0.#", vi) + " MB",
        };
    }
}
