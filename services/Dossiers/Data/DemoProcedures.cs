using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.Records;

namespace Cchc.Dossiers.Data;

/// <summary>
/// Development demo catalogue of the Department of Science and Technology of Quảng Trị (QT.SKHCN).
/// NOT FROM A SOURCE: the national codes (placeholders in the national format, not checked against the
/// national procedure database), the statutory times, fees and paper lists (written from general
/// knowledge of Nghị định 132/2008, 107/2016, 142/2020 and their circulars, not verified). The procedure
/// names are those the departments of science and technology publish. Sở hữu công nghiệp is left out:
/// its grants are the national IP Office's, and no provincial procedure of it was at hand to check.
/// </summary>
internal static class DemoProcedures
{
    public const string Agency = "QT.SKHCN";
    public const string Desk = "QT.SKHCN.MC";
    public const string Quality = "QT.SKHCN.CCTDC";
    public const string Technology = "QT.SKHCN.QLCN";
    public const string Science = "QT.SKHCN.QLKH";

    private const string Tdc = "Tiêu chuẩn, Đo lường, Chất lượng";
    private const string Radiation = "An toàn bức xạ và hạt nhân";
    private const string Activities = "Hoạt động khoa học và công nghệ";
    private const string TransferField = "Chuyển giao công nghệ";

    private static readonly (string Code, string Name, string Field, string Unit, int Days, long Fee, ResultKind Result, string ResultName, int TargetCut)[] Rows =
    [
        ("2.000815", "Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận của tổ chức chứng nhận", Tdc, Quality, 5, 150_000, ResultKind.Confirmation, "Thông báo tiếp nhận hồ sơ công bố hợp chuẩn", 40),
        ("2.000816", "Đăng ký công bố hợp chuẩn dựa trên kết quả tự đánh giá của tổ chức, cá nhân", Tdc, Quality, 5, 150_000, ResultKind.Confirmation, "Thông báo tiếp nhận hồ sơ công bố hợp chuẩn", 40),
        ("2.000817", "Đăng ký công bố hợp quy đối với sản phẩm, hàng hóa sản xuất trong nước dựa trên kết quả chứng nhận", Tdc, Quality, 5, 150_000, ResultKind.Confirmation, "Thông báo tiếp nhận hồ sơ công bố hợp quy", 40),
        ("2.000818", "Đăng ký công bố hợp quy đối với sản phẩm, hàng hóa sản xuất trong nước dựa trên kết quả tự đánh giá", Tdc, Quality, 5, 150_000, ResultKind.Confirmation, "Thông báo tiếp nhận hồ sơ công bố hợp quy", 40),
        ("1.000801", "Kiểm tra nhà nước về chất lượng hàng hóa nhóm 2 nhập khẩu", Tdc, Quality, 1, 0, ResultKind.Confirmation, "Thông báo kết quả kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu", 0),
        ("1.000802", "Miễn giảm kiểm tra chất lượng hàng hóa nhóm 2 nhập khẩu", Tdc, Quality, 5, 0, ResultKind.Confirmation, "Văn bản xác nhận miễn giảm kiểm tra", 20),
        ("1.000803", "Chứng nhận chuẩn đo lường để kiểm định, hiệu chuẩn, thử nghiệm phương tiện đo nhóm 2", Tdc, Quality, 5, 0, ResultKind.Certificate, "Giấy chứng nhận chuẩn đo lường", 20),
        ("1.000804", "Điều chỉnh nội dung của chứng chỉ công nhận chuẩn đo lường", Tdc, Quality, 5, 0, ResultKind.Certificate, "Chứng chỉ công nhận chuẩn đo lường", 20),
        ("1.000805", "Đăng ký tham dự sơ tuyển, xét tặng Giải thưởng Chất lượng Quốc gia", Tdc, Quality, 10, 0, ResultKind.Confirmation, "Thông báo kết quả sơ tuyển", 0),
        ("1.000806", "Cấp Giấy xác nhận đăng ký hoạt động xét tặng giải thưởng chất lượng sản phẩm, hàng hóa của tổ chức, cá nhân", Tdc, Quality, 5, 0, ResultKind.Confirmation, "Giấy xác nhận đăng ký hoạt động xét tặng giải thưởng chất lượng", 20),
        ("1.000807", "Đăng ký kiểm tra nhà nước về đo lường đối với phương tiện đo, lượng của hàng đóng gói sẵn nhập khẩu", Tdc, Quality, 1, 0, ResultKind.Confirmation, "Thông báo kết quả kiểm tra nhà nước về đo lường", 0),
        ("1.000808", "Cấp giấy xác nhận đăng ký lĩnh vực hoạt động xét tặng giải thưởng chất lượng (cấp lại)", Tdc, Quality, 3, 0, ResultKind.Confirmation, "Giấy xác nhận đăng ký (cấp lại)", 0),

        ("2.000301", "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế", Radiation, Technology, 15, 2_000_000, ResultKind.Licence, "Giấy phép tiến hành công việc bức xạ", 30),
        ("2.000302", "Gia hạn giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế", Radiation, Technology, 15, 1_500_000, ResultKind.Licence, "Giấy phép tiến hành công việc bức xạ (gia hạn)", 30),
        ("2.000303", "Sửa đổi, bổ sung giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế", Radiation, Technology, 10, 0, ResultKind.Licence, "Giấy phép tiến hành công việc bức xạ (sửa đổi, bổ sung)", 20),
        ("2.000304", "Cấp lại giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế", Radiation, Technology, 5, 0, ResultKind.Licence, "Giấy phép tiến hành công việc bức xạ (cấp lại)", 20),
        ("2.000305", "Cấp chứng chỉ nhân viên bức xạ cho người phụ trách an toàn cơ sở X-quang chẩn đoán trong y tế", Radiation, Technology, 15, 0, ResultKind.Certificate, "Chứng chỉ nhân viên bức xạ", 30),
        ("2.000306", "Cấp lại chứng chỉ nhân viên bức xạ cho người phụ trách an toàn cơ sở X-quang chẩn đoán trong y tế", Radiation, Technology, 5, 0, ResultKind.Certificate, "Chứng chỉ nhân viên bức xạ (cấp lại)", 20),
        ("2.000307", "Khai báo thiết bị X-quang chẩn đoán trong y tế", Radiation, Technology, 5, 0, ResultKind.Confirmation, "Văn bản xác nhận khai báo", 20),
        ("2.000308", "Phê duyệt kế hoạch ứng phó sự cố bức xạ, hạt nhân cấp cơ sở đối với công việc sử dụng thiết bị X-quang chẩn đoán trong y tế", Radiation, Technology, 15, 0, ResultKind.Decision, "Quyết định phê duyệt kế hoạch ứng phó sự cố", 30),

        ("1.000901", "Đăng ký hợp đồng chuyển giao công nghệ (trừ trường hợp thuộc thẩm quyền của Bộ Khoa học và Công nghệ)", TransferField, Technology, 5, 1_000_000, ResultKind.Certificate, "Giấy chứng nhận đăng ký chuyển giao công nghệ", 20),
        ("1.000902", "Đăng ký gia hạn, sửa đổi, bổ sung nội dung chuyển giao công nghệ", TransferField, Technology, 5, 500_000, ResultKind.Certificate, "Giấy chứng nhận đăng ký gia hạn, sửa đổi, bổ sung", 20),
        ("1.000903", "Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ", Activities, Science, 7, 0, ResultKind.Certificate, "Giấy chứng nhận doanh nghiệp khoa học và công nghệ", 0),
        ("1.000904", "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", Activities, Science, 10, 0, ResultKind.Certificate, "Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", 20),
        ("1.000905", "Thay đổi, bổ sung nội dung Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", Activities, Science, 10, 0, ResultKind.Certificate, "Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", 20),
        ("1.000906", "Cấp lại Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", Activities, Science, 5, 0, ResultKind.Certificate, "Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ (cấp lại)", 0),
        ("1.000907", "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước", Activities, Science, 5, 0, ResultKind.Certificate, "Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ", 20),
        ("1.000908", "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ có sử dụng ngân sách nhà nước", Activities, Science, 5, 0, ResultKind.Certificate, "Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ", 20),
        ("1.000909", "Công nhận sáng kiến cấp tỉnh", Activities, Science, 30, 0, ResultKind.Decision, "Quyết định công nhận sáng kiến", 0),
        ("1.000910", "Xác nhận hàng hóa sử dụng trực tiếp cho phát triển hoạt động ươm tạo công nghệ, ươm tạo doanh nghiệp khoa học và công nghệ", Activities, Science, 5, 0, ResultKind.Confirmation, "Văn bản xác nhận", 0),
    ];

    public static IReadOnlyList<Procedure> All { get; } = Rows.Select(r => new Procedure
    {
        Code = r.Code,
        Name = r.Name,
        Field = r.Field,
        AgencyCode = Agency,
        ProcessingUnitCode = r.Unit,
        StatutoryAmount = r.Days,
        StatutoryUnit = StatutoryUnit.WorkingDays,
        FeeVnd = r.Fee,
        Fees = r.Fee > 0 ? [new ProcedureFee { Name = "Phí thẩm định", Kind = FeeKind.Fee, AmountVnd = r.Fee }] : [],
        OnlineLevel = OnlineLevel.Full,
        RequiredPapers =
        [
            new RequiredPaper { Code = "DON", Name = "Đơn đề nghị (theo mẫu)", Kind = PaperKind.Original, Count = 1 },
            new RequiredPaper { Code = "GPKD", Name = "Giấy chứng nhận đăng ký doanh nghiệp", Kind = PaperKind.Copy, Count = 1 },
            new RequiredPaper { Code = "HSKT", Name = "Hồ sơ kỹ thuật kèm theo", Kind = PaperKind.Original, Count = 1 },
        ],
        ResultKind = r.Result,
        ResultName = r.ResultName,
        TargetAmount = r.TargetCut > 0 ? Domain.Procedures.ProcessingTargets.FromCut(r.Days, Domain.Calendar.DurationUnit.WorkingDays, r.TargetCut) : null,
        TargetCutPercent = r.TargetCut > 0 ? r.TargetCut : null,
        ChangeNote = "Dữ liệu minh họa (Development)",
        CreatedBy = "demo-seed",
    }).ToList();
}
