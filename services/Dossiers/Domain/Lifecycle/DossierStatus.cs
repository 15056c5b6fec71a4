namespace Cchc.Dossiers.Domain.Lifecycle;

/// <summary>Dossier status; the numeric values are the national public-service portal (DVCQG) codes.</summary>
public enum DossierStatus
{
    Submitted = 1,
    Received = 2,
    Refused = 3,
    InProgress = 4,
    SupplementRequested = 5,
    AwaitingPayment = 6,
    WithdrawalRequested = 7,
    Stopped = 8,
    ResultReady = 9,
    ResultReturned = 10,
}

public static class DossierStatusExtensions
{
    /// <summary>The name the national portal shows for this status.</summary>
    public static string NationalName(this DossierStatus status) => status switch
    {
        DossierStatus.Submitted => "Mới đăng ký",
        DossierStatus.Received => "Được tiếp nhận",
        DossierStatus.Refused => "Không được tiếp nhận",
        DossierStatus.InProgress => "Đang xử lý",
        DossierStatus.SupplementRequested => "Yêu cầu bổ sung giấy tờ",
        DossierStatus.AwaitingPayment => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierStatus.WithdrawalRequested => "Công dân yêu cầu rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.ResultReady => "Đã xử lý xong",
        DossierStatus.ResultReturned => "Đã trả kết quả",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a national dossier status code."),
    };

    public static int NationalCode(this DossierStatus status) =>
        Enum.IsDefined(status)
            ? (int)status
            : throw new ArgumentOutOfRangeException(nameof(status), status, "Not a national dossier status code.");
}
