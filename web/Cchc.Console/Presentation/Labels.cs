using Cchc.Dossiers.V1;

namespace Cchc.Console.Presentation;

/// <summary>The Vietnamese words for the contracts' enumerations.</summary>
public static class Labels
{
    public static string Action(DossierAction action) => action switch
    {
        DossierAction.Receive => "Tiếp nhận",
        DossierAction.Refuse => "Từ chối tiếp nhận",
        DossierAction.StartProcessing => "Chuyển phòng chuyên môn xử lý",
        DossierAction.RequestSupplement => "Yêu cầu bổ sung",
        DossierAction.SupplementProvided => "Đã nhận bổ sung",
        DossierAction.RequestPayment => "Yêu cầu nộp phí, lệ phí",
        DossierAction.PaymentConfirmed => "Xác nhận đã nộp phí",
        DossierAction.RequestWithdrawal => "Công dân xin rút hồ sơ",
        DossierAction.Stop => "Dừng xử lý",
        DossierAction.CompleteResult => "Trả kết quả về Bộ phận một cửa",
        DossierAction.ReturnResult => "Trả kết quả cho công dân",
        DossierAction.TransferOut => "Chuyển đơn vị khác",
        DossierAction.TransferBack => "Chuyển trả đơn vị trước",
        DossierAction.TransferToAgency => "Chuyển liên thông",
        DossierAction.ReturnFromAgency => "Nhận lại từ liên thông",
        _ => action.ToString(),
    };

    public static string Channel(IntakeChannel channel) => channel switch
    {
        IntakeChannel.InPerson => "Trực tiếp",
        IntakeChannel.Online => "Trực tuyến",
        IntakeChannel.Post => "Bưu chính công ích",
        _ => "",
    };

    public static string PaperKind(PaperKind kind) => kind switch
    {
        Dossiers.V1.PaperKind.Original => "Bản chính",
        Dossiers.V1.PaperKind.Copy => "Bản sao",
        Dossiers.V1.PaperKind.Electronic => "Bản điện tử",
        _ => "",
    };

    public static string StatutoryTime(StatutoryTime? time) => time is null ? "" : time.Unit switch
    {
        DurationUnit.WorkingHours => $"{time.Amount} giờ làm việc",
        DurationUnit.WorkingDays => $"{time.Amount} ngày làm việc",
        DurationUnit.CalendarDays => $"{time.Amount} ngày",
        DurationUnit.Months => $"{time.Amount} tháng",
        _ => time.Amount,
    };

    public static string Outcome(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Early => "Trước hạn",
        StepOutcome.OnTime => "Đúng hạn",
        StepOutcome.Late => "Quá hạn",
        _ => "",
    };

    public static string Satisfaction(SatisfactionLevel level) => level switch
    {
        SatisfactionLevel.VerySatisfied => "Rất hài lòng",
        SatisfactionLevel.Satisfied => "Hài lòng",
        SatisfactionLevel.Dissatisfied => "Không hài lòng",
        _ => "",
    };

    public static string Role(string role) => role switch
    {
        "desk_officer" => "Bộ phận một cửa",
        "processing_officer" => "Chuyên viên xử lý",
        "unit_head" => "Trưởng phòng",
        "leadership" => "Lãnh đạo Sở",
        "follow_up_office" => "Văn phòng (theo dõi, đôn đốc)",
        "administrator" => "Quản trị hệ thống",
        _ => role,
    };
}
