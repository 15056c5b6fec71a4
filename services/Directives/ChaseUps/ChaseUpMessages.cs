using System.Globalization;

namespace Cchc.Directives.ChaseUps;

/// <summary>What the lead unit reads, in Vietnamese, as the follow-up office would write it.</summary>
public static class ChaseUpMessages
{
    /// <param name="period">The period of a recurring report, or empty.</param>
    public static string Automatic(ScheduledChaseUp chaseUp, string number, string title, string documentSymbol, string period,
        DateOnly dueOn, string leadUnitName)
    {
        var what = period.Length > 0
            ? $"Báo cáo kỳ {period} của nhiệm vụ {number} “{title}”{Of(documentSymbol)}"
            : $"Nhiệm vụ {number} “{title}”{Of(documentSymbol)}";
        var report = period.Length > 0;
        var due = Day(dueOn);
        return chaseUp.Stage switch
        {
            ChaseUpStage.BeforeDue => $"{what} còn {chaseUp.WorkingDaysToDue} ngày làm việc đến hạn ({due}). Đề nghị {leadUnitName} "
                + (report ? "gửi báo cáo đúng hạn." : "khẩn trương thực hiện và báo cáo kết quả đúng hạn."),
            ChaseUpStage.OnDue => $"Hôm nay ({due}) là hạn của {Lower(what)}. Đề nghị {leadUnitName} "
                + (report ? "gửi báo cáo trong ngày." : "hoàn thành và báo cáo kết quả trong ngày."),
            _ => $"{what} đã quá hạn {-chaseUp.WorkingDaysToDue} ngày làm việc (hạn {due}). Đề nghị {leadUnitName} khẩn trương "
                + (report ? "gửi báo cáo" : "hoàn thành, báo cáo kết quả") + " và giải trình lý do chậm trễ.",
        };
    }

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Of(string documentSymbol) => documentSymbol.Length > 0 ? $" (văn bản {documentSymbol})" : "";

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
