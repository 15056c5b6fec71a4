namespace Cchc.Indexes.ServiceIndex;

/// <summary>Where an indicator's ratio comes from.</summary>
public enum IndicatorOrigin
{
    /// <summary>From the dossiers received in the period (the Dossiers change feed).</summary>
    Computed = 1,
    /// <summary>Entered by hand: the platform does not hold the data (national databases, PAKN, …).</summary>
    Manual = 2,
}

/// <summary>
/// One indicator of the 766 service index (reference §2.2–2.3): its maximum, the ratio that gives
/// full marks (null when the points are linear in the ratio) and the formula as the portal states it.
/// </summary>
public sealed record IndicatorDefinition(string Code, string GroupCode, string Name, decimal Max, decimal? Threshold, IndicatorOrigin Origin,
    string Formula, bool Unconfirmed = false)
{
    /// <summary>max·R, or min(max, max·R/threshold) when full marks come at a threshold; R is clamped to [0, 1].</summary>
    public decimal Points(decimal ratio)
    {
        var r = Math.Clamp(ratio, 0m, 1m);
        var points = Threshold is { } t ? Math.Min(Max, Max * r / t) : Max * r;
        return Math.Round(points, 3, MidpointRounding.AwayFromZero);
    }
}

/// <summary>
/// The indicators of framework SERVICE_766 (codes as in <see cref="Frameworks.ShippedFrameworks"/>), with
/// the rules the national portal uses today. Those rules were reverse-engineered from live DVCQG
/// responses and are "not the official legal formula" (reference §2.2 notes); the ones the reference
/// itself doubts are marked <see cref="IndicatorDefinition.Unconfirmed"/>.
/// </summary>
public static class Indicators
{
    public const string OnTime = "2.1";
    public const string OnlineSubmission = "3.3";
    public const string OnlinePayment = "3.6";
    public const string ElectronicResult = "4.1";
    public const string Digitisation = "4.2";
    public const string Reuse = "4.3";
    public const string Satisfaction = "5.4";

    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        new("1.1", "I", "Tỷ lệ TTHC công bố đúng hạn", 6, null, IndicatorOrigin.Manual,
            "6·R; R = TTHC công bố đúng hạn / TTHC công bố trong kỳ (CSDL quốc gia về TTHC)"),
        new("1.2", "I", "Tỷ lệ TTHC được cập nhật, công khai đúng hạn", 4, null, IndicatorOrigin.Manual,
            "4·R; R = TTHC công khai đúng hạn / (TTHC đã công khai + cần công khai trong kỳ)"),
        new("1.3", "I", "Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành", 2, null, IndicatorOrigin.Manual,
            "2·R; R = TTHC công khai đủ các bộ phận (NĐ 63/2010 Điều 8 khoản 2) / TTHC"),
        new("1.4", "I", "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG", 6, null, IndicatorOrigin.Manual,
            "6·R; R = hồ sơ đồng bộ có ngày tiếp nhận trong kỳ / max(hệ thống báo cáo, Cổng DVCQG)"),
        new(OnTime, "II", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", 20, null, IndicatorOrigin.Computed,
            "20·R; R = hồ sơ đúng hạn / hồ sơ tiếp nhận trong kỳ. Đúng hạn khi kết thúc (hoặc yêu cầu bổ sung đang chờ, "
            + "hoặc cuối kỳ nếu chưa xong) ≤ hạn theo luật đã cộng thời gian bổ sung; yêu cầu bổ sung quá 1 lần là quá hạn"),
        new("3.1", "III", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến", 2, 0.80m, IndicatorOrigin.Manual,
            "min(2, 2·A/0,80); A = TTHC có DVCTT một phần hoặc toàn trình / TTHC thuộc thẩm quyền"),
        new("3.2", "III", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", 4, null, IndicatorOrigin.Manual,
            "4·B; B = DVCTT có ít nhất một hồ sơ trực tuyến / DVCTT của TTHC"),
        new(OnlineSubmission, "III", "Tỷ lệ hồ sơ nộp trực tuyến", 6, 0.50m, IndicatorOrigin.Computed,
            "min(6, 6·C/0,50); C = hồ sơ KenhThucHien = 2 / hồ sơ tiếp nhận trong kỳ (hệ số đồng bộ = 1: hồ sơ có ở đây là nguồn)"),
        new("3.5a", "III", "Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính được tích hợp thanh toán trực tuyến", 2, 0.80m, IndicatorOrigin.Manual,
            "min(2, 2·R/0,80); R = TTHC có phí tích hợp trên Cổng DVCQG / TTHC có thông tin phí"),
        new("3.5b", "III", "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", 2, 0.80m, IndicatorOrigin.Manual,
            "min(2, 2·R/0,80); R = TTHC có giao dịch thanh toán trực tuyến thành công / TTHC có phí", Unconfirmed: true),
        new(OnlinePayment, "III", "Tỷ lệ hồ sơ thanh toán trực tuyến", 6, null, IndicatorOrigin.Computed,
            "6·R; R = hồ sơ thanh toán trực tuyến / hồ sơ có nghĩa vụ tài chính (hồ sơ có ghi nhận thanh toán) tiếp nhận trong kỳ"),
        new(ElectronicResult, "IV", "Tỷ lệ hồ sơ có cấp kết quả giải quyết điện tử", 6, null, IndicatorOrigin.Computed,
            "6·R; R = hồ sơ có kết quả điện tử / hồ sơ đã có kết quả (Đã xử lý xong, Đã trả kết quả) tiếp nhận trong kỳ"),
        new(Digitisation, "IV", "Tỷ lệ hồ sơ thực hiện số hóa", 4, 0.80m, IndicatorOrigin.Computed,
            "min(4, 4·R/0,80); R = hồ sơ có thành phần được số hóa (và kết quả điện tử khi đã có kết quả) / hồ sơ tiếp nhận trong kỳ"),
        new("4.2c", "IV", "Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính", 2, null, IndicatorOrigin.Manual,
            "2·R; R = tỷ lệ cung cấp chứng thực bản sao điện tử (Cổng DVCQG)"),
        new(Reuse, "IV", "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa", 2, 0.80m, IndicatorOrigin.Computed,
            "min(2, 2·R/0,80); R = hồ sơ có ít nhất một thành phần tái sử dụng / hồ sơ tiếp nhận trong kỳ"),
        new("4.4", "IV", "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu với kho DVCQG", 4, null, IndicatorOrigin.Manual,
            "4·R; R = hồ sơ có thành phần lấy từ kho DVCQG / hồ sơ", Unconfirmed: true),
        new("4.5a", "IV", "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư", 2, null, IndicatorOrigin.Manual,
            "2·R; R = TTHC có hồ sơ dùng dữ liệu dân cư / TTHC có đối tượng là công dân"),
        new("4.5b", "IV", "Tỷ lệ hồ sơ sử dụng dữ liệu từ CSDLQG về dân cư", 2, null, IndicatorOrigin.Manual,
            "2·R; R = hồ sơ dùng dữ liệu CSDLQG về dân cư / hồ sơ"),
        new("5.2", "V", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn", 6, null, IndicatorOrigin.Manual,
            "6·R; 6 điểm khi không có PAKN (nhập R = 1)"),
        new("5.3", "V", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", 6, null, IndicatorOrigin.Manual,
            "6·R; 6 điểm khi không có PAKN (nhập R = 1)"),
        new(Satisfaction, "V", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", 6, 0.90m, IndicatorOrigin.Computed,
            "min(6, 6·R/0,90); R = 100% − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ đánh giá không hài lòng); 0 điểm khi không có hồ sơ"),
    ];

    private static readonly Dictionary<string, IndicatorDefinition> ByCode = All.ToDictionary(i => i.Code, StringComparer.Ordinal);

    public static IndicatorDefinition? Find(string code) => ByCode.GetValueOrDefault(code);

    public static decimal MaxTotal => All.Sum(i => i.Max);
}
