using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cchc.Directives.Documents;
using Cchc.Directives.Domain.Documents;
using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Tasks;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Data;

/// <summary>
/// Development demo data: the five source documents with their real numbers, issuers, dates and
/// references, the documents they cite, the tasks of Directive 35-CT/TU §6 and the numbered items of
/// the Department's dispatch implementing it, with progress reports. What the sources leave blank
/// stays blank (a day, a number) and the records say so in their remarks. Every row has a fixed id,
/// so the seeder inserts only what is missing and runs at every start.
/// </summary>
internal sealed partial class DemoDirectivesSeeder : IDatabaseSeeder<DirectivesDbContext>
{
    private const string Seeder = "demo-seed";
    private const string FollowUpOffice = "demo.vanphong.theodoi";
    private const string Department = "QT.SKHCN";
    private const string Office = "QT.SKHCN.VP";

    private const string IllustrativeAssignment =
        "Công văn giao chung cho các phòng, đơn vị và không ghi thời hạn; đơn vị chủ trì, đơn vị phối hợp và hạn xử lý là dữ liệu minh họa do Văn phòng Sở phân công khi theo dõi.";

    private static readonly string[] AllDivisions =
        ["QT.SKHCN.KHTC", "QT.SKHCN.QLKH", "QT.SKHCN.QLCN", "QT.SKHCN.TTR", "QT.SKHCN.CCTDC", "QT.SKHCN.TTTT", "QT.SKHCN.TTKT"];

    private sealed record DocumentSeed(string Key, DocumentKind Kind, string Symbol, string? IssuerUnit, string IssuerName, string Term,
        string IssueDate, string Summary, string SignerName = "", string SignerTitle = "", string Remarks = "", string? TextResource = null);

    private sealed record ReferenceSeed(string From, ReferenceKind Kind, string To);

    private sealed record TaskSeed(string Key, string Document, string Number, string Title, string Lead, string[] Coordinators,
        string? Deadline = null, ReportSchedule? Recurrence = null, string? Parent = null, string Remarks = "");

    private sealed record ReportSeed(string Task, string ReportedOn, int Percent, string Text, string Evidence, string Period = "",
        ReportState State = ReportState.Submitted, string? ReviewedOn = null, string SendBackReason = "");

    private const string Cited = "Bản ghi tham chiếu lập từ trích dẫn trong các văn bản mẫu; chưa có toàn văn.";

    private static readonly DocumentSeed[] Documents =
    [
        new("002", DocumentKind.Directive, "35-CT/TU", "QT.TU", "Ban Thường vụ Tỉnh ủy Quảng Trị", "2020-2025", "2022-12",
            "Về tăng cường sự lãnh đạo của các cấp ủy đảng đối với công tác cải cách hành chính, nâng cao trách nhiệm thực thi công vụ, góp phần cải thiện chỉ số năng lực cạnh tranh cấp tỉnh",
            "Lê Quang Tùng", "T/M BAN THƯỜNG VỤ - BÍ THƯ",
            "Bản lưu không có phần số, ngày. Số 35-CT/TU lấy từ Công văn triển khai của Sở KH&CN, nơi trích yếu ghi ngày 11/12/2022 còn phần nội dung ghi ngày 12/12/2022, nên chỉ ghi tháng 12/2022. Nhiệm kỳ 2020-2025 của Tỉnh ủy suy ra từ thời điểm ban hành; văn bản không ghi.",
            "002-chi-thi-35-CT-TU.txt"),
        new("000", DocumentKind.Dispatch, "/SKHCN-VP", Department, "Sở Khoa học và Công nghệ tỉnh Quảng Trị", "", "2023-12",
            "V/v triển khai thực hiện Chỉ thị số 35-CT/TU ngày 11/12/2022 của BTV Tỉnh ủy",
            "Nguyễn Hữu Thắng", "KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC",
            "Bản lưu chưa ghi số và ngày ('Số: /SKHCN-VP', 'ngày tháng 12 năm 2023'). Trích yếu ghi Chỉ thị 35-CT/TU ngày 11/12/2022, phần nội dung ghi ngày 12/12/2022.",
            "000-cong-van-trien-khai-35-CT-TU.txt"),
        new("001", DocumentKind.Dispatch, "836/SKHCN-VP", null, "Sở Khoa học và Công nghệ tỉnh Bà Rịa - Vũng Tàu", "", "2021-09",
            "Triển khai thực hiện Chỉ thị số 10/CT-UBND ngày 16/8/2021 của UBND tỉnh về việc nâng cao hiệu quả công tác cải cách hành chính",
            Remarks: "Nguồn là bản tin trên cổng thông tin của Sở KH&CN Bà Rịa - Vũng Tàu đăng ngày 15/09/2021; bản tin không ghi ngày ký và người ký.",
            TextResource: "001-cong-van-836-SKHCN-VP.txt"),
        new("003", DocumentKind.Report, "23/BC-SKHCHN", Department, "Sở Khoa học và Công nghệ tỉnh Quảng Trị", "", "2022-03-14",
            "Kết quả công tác duy trì và củng cố Chỉ số Hiệu quả Quản trị và Hành chính công quý I và nhiệm vụ quý II/2022 của Sở Khoa học và Công nghệ",
            "Nguyễn Hữu Thắng", "KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC",
            "Ký hiệu 'SKHCHN' ghi đúng như bản gốc.", "003-bao-cao-23-BC-SKHCHN.txt"),
        new("004", DocumentKind.Dispatch, "/SKHCN-VP", null, "Sở Khoa học và Công nghệ tỉnh Hưng Yên", "", "2024",
            "V/v triển khai nhiệm vụ công tác cải cách hành chính năm 2024",
            "Nguyễn Xuân Hải", "KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC",
            "Bản lưu chưa ghi số và ngày ('Số: /SKHCN-VP', 'ngày tháng năm 2024'); ban hành sau Công văn 433/UBND-NC ngày 27/02/2024 mà nó triển khai.",
            "004-cong-van-cchc-2024-hung-yen.txt"),

        // Documents the five cite, implement or report on.
        new("01-NQ/TU", DocumentKind.Resolution, "01-NQ/TU", "QT.TU", "Tỉnh ủy Quảng Trị", "2020-2025", "2021-11-04",
            "Về đẩy mạnh cải cách hành chính tỉnh Quảng Trị giai đoạn 2021 - 2025", Remarks: Cited),
        new("21-KL/TW", DocumentKind.Conclusion, "21-KL/TW", null, "Ban Chấp hành Trung ương", "2021-2026", "2021-10-25",
            "Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy lùi, xử lý nghiêm cán bộ, đảng viên suy thoái về tư tưởng chính trị, đạo đức, lối sống, biểu hiện \"tự diễn biến\", \"tự chuyển hoá\"",
            Remarks: Cited),
        new("37-QĐ/TW", DocumentKind.Regulation, "37-QĐ/TW", null, "Ban Chấp hành Trung ương", "2021-2026", "2021-10-25",
            "Về những điều đảng viên không được làm", Remarks: Cited),
        new("733/QĐ-TTg", DocumentKind.Decision, "733/QĐ-TTg", null, "Thủ tướng Chính phủ", "", "2019-06-14",
            "Ban hành Kế hoạch tổ chức thực hiện phong trào \"Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở\" giai đoạn 2019 - 2025",
            Remarks: Cited),
        new("10/CT-UBND", DocumentKind.Directive, "10/CT-UBND", null, "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "", "2021-08-16",
            "Về việc nâng cao hiệu quả công tác cải cách hành chính trên địa bàn tỉnh", Remarks: Cited),
        new("14/KH-SKHCHN", DocumentKind.Plan, "14/KH-SKHCHN", Department, "Sở Khoa học và Công nghệ tỉnh Quảng Trị", "", "2022-01-26",
            "Kế hoạch Duy trì và củng cố Chỉ số Hiệu quả Quản trị và Hành chính công của Sở Khoa học và Công nghệ giai đoạn 2022", Remarks: Cited),
        new("41/2019/QĐ-UBND", DocumentKind.Decision, "41/2019/QĐ-UBND", "QT.UBND", "Ủy ban nhân dân tỉnh Quảng Trị", "", "2019-10-22",
            "Ban hành Quy định chế độ báo cáo định kỳ phục vụ mục tiêu quản lý trên địa bàn tỉnh Quảng Trị", Remarks: Cited),
        new("433/UBND-NC", DocumentKind.Dispatch, "433/UBND-NC", null, "Ủy ban nhân dân tỉnh Hưng Yên", "", "2024-02-27",
            "V/v triển khai nhiệm vụ công tác cải cách hành chính năm 2024", Remarks: Cited),
        new("28-CT/TU HY", DocumentKind.Directive, "28-CT/TU", null, "Tỉnh ủy Hưng Yên", "2020-2025", "2022-08-10",
            "Về đẩy mạnh cải cách hành chính trên địa bàn tỉnh", Remarks: Cited),
    ];

    private static readonly ReferenceSeed[] References =
    [
        new("002", ReferenceKind.Cites, "01-NQ/TU"),
        new("002", ReferenceKind.Cites, "21-KL/TW"),
        new("002", ReferenceKind.Cites, "37-QĐ/TW"),
        new("002", ReferenceKind.Cites, "733/QĐ-TTg"),
        new("000", ReferenceKind.Implements, "002"),
        new("000", ReferenceKind.Cites, "21-KL/TW"),
        new("000", ReferenceKind.Cites, "37-QĐ/TW"),
        new("000", ReferenceKind.Cites, "733/QĐ-TTg"),
        new("001", ReferenceKind.Implements, "10/CT-UBND"),
        new("003", ReferenceKind.ReportsOn, "14/KH-SKHCHN"),
        new("003", ReferenceKind.Cites, "41/2019/QĐ-UBND"),
        new("004", ReferenceKind.Implements, "433/UBND-NC"),
        new("004", ReferenceKind.Cites, "28-CT/TU HY"),
    ];

    private const string NoDeadline = "Chỉ thị không ghi thời hạn.";

    private static readonly TaskSeed[] Tasks =
    [
        // Directive 35-CT/TU §6 "Tổ chức thực hiện".
        new("002/6.1", "002", "6.1", "Quán triệt và xây dựng chương trình, kế hoạch thực hiện Chỉ thị (phần việc của Sở KH&CN)", Department, [],
            Remarks: "Chỉ thị giao chung cho các cấp ủy, tổ chức đảng, chính quyền và các cơ quan, đơn vị; đây là phần việc của Sở KH&CN, được Sở cụ thể hóa thành các nhiệm vụ 1-8 của Công văn triển khai. " + NoDeadline),
        new("002/6.2", "002", "6.2", "Xây dựng và thực hiện kế hoạch đẩy mạnh cải cách hành chính gắn với nâng cao PAR INDEX, PCI", "QT.TU.BCSUBND", ["QT.UBND"], Remarks: NoDeadline),
        new("002/6.3", "002", "6.3", "Tuyên truyền về Chỉ thị; biểu dương điển hình, phê phán tập thể, cá nhân chưa thực hiện tốt", "QT.TU.BTG", [], Remarks: NoDeadline),
        new("002/6.4", "002", "6.4", "Kiểm tra, giám sát việc thực hiện Chỉ thị", "QT.TU.UBKT", ["QT.TU.BNC"], Remarks: NoDeadline),
        new("002/6.5", "002", "6.5", "Theo dõi, đôn đốc triển khai thực hiện Chỉ thị; định kỳ báo cáo Ban Thường vụ Tỉnh ủy", "QT.TU.BCSUBND", ["QT.TU.VP"],
            Remarks: "Chỉ thị ghi \"định kỳ báo cáo\" nhưng không nêu kỳ báo cáo. " + NoDeadline),

        // The Department's dispatch implementing it: items 1-8, then the follow-up paragraph.
        new("000/1", "000", "1", "Quán triệt, thực hiện các văn bản về xây dựng Đảng, đạo đức công vụ và văn hóa công sở", Office, AllDivisions,
            "2024-03-31", Parent: "002/6.1", Remarks: IllustrativeAssignment),
        new("000/2", "000", "2", "Đẩy mạnh cải cách hành chính, đổi mới phương thức, lề lối làm việc", Office, ["QT.SKHCN.CCTDC", "QT.SKHCN.QLCN", "QT.SKHCN.TTTT"],
            "2024-12-31", Parent: "002/6.1", Remarks: IllustrativeAssignment),
        new("000/3", "000", "3", "Phân cấp, ủy quyền; thực hiện \"4 tăng, 2 giảm, 2 không\" trong giải quyết thủ tục hành chính", "QT.SKHCN.CCTDC", ["QT.SKHCN.QLCN", Office],
            "2024-12-31", Parent: "002/6.1", Remarks: IllustrativeAssignment),
        new("000/4", "000", "4", "Chấp hành kỷ luật, kỷ cương hành chính, văn hóa công sở; kiểm tra, giám sát thực hiện công vụ", "QT.SKHCN.TTR", [Office],
            "2024-06-30", Parent: "002/6.1", Remarks: IllustrativeAssignment),
        new("000/5", "000", "5", "Nghiên cứu các chỉ số thành phần PCI, đề xuất giải pháp; phương châm \"Năm có, ba không\"", "QT.SKHCN.KHTC", ["QT.SKHCN.QLKH", "QT.SKHCN.QLCN"],
            "2024-09-30", Parent: "002/6.1", Remarks: IllustrativeAssignment),
        new("000/6", "000", "6", "Phát huy vai trò trách nhiệm, nêu gương của người đứng đầu", Office, AllDivisions,
            Parent: "002/6.1", Remarks: "Nhiệm vụ thường xuyên, không có hạn. " + IllustrativeAssignment),
        new("000/7", "000", "7", "Tăng cường phối hợp giải quyết thủ tục hành chính, thanh tra, kiểm tra; kiểm tra nhiệm vụ cải cách hành chính", "QT.SKHCN.QLCN", ["QT.SKHCN.TTR", "QT.SKHCN.CCTDC"],
            "2024-12-31", Parent: "002/6.1", Remarks: IllustrativeAssignment),
        new("000/8", "000", "8", "Xây dựng và thực hiện kế hoạch đẩy mạnh cải cách hành chính gắn với nâng cao PAR INDEX, PCI", Office, ["QT.SKHCN.KHTC"],
            "2024-01-31", Parent: "002/6.1", Remarks: IllustrativeAssignment),
        new("000/TCTH", "000", "TCTH", "Theo dõi, đôn đốc thực hiện các nhiệm vụ; định kỳ báo cáo Ban Giám đốc", Office, AllDivisions,
            Recurrence: new ReportSchedule(RecurrenceFrequency.Quarterly, 20, 0, new DateOnly(2024, 1, 1), null),
            Remarks: "Đoạn giao việc cuối Công văn, không đánh số. Công văn ghi \"định kỳ báo cáo\" mà không nêu kỳ; dữ liệu minh họa theo dõi theo quý, hạn ngày 20 tháng cuối quý."),
    ];

    private static readonly ReportSeed[] Reports =
    [
        new("000/1", "2024-01-19", 40, "Đã tổ chức hội nghị quán triệt Chỉ thị 35-CT/TU và các văn bản liên quan cho toàn thể công chức, viên chức.", "bien-ban-hoi-nghi-quan-triet.pdf"),
        new("000/1", "2024-03-20", 100, "Các phòng, đơn vị đã đăng ký cam kết thực hiện văn hóa công sở năm 2024; hoàn thành nhiệm vụ.", "tong-hop-cam-ket-van-hoa-cong-so-2024.pdf",
            State: ReportState.Confirmed, ReviewedOn: "2024-03-22"),
        new("000/2", "2024-06-25", 30, "Đã rà soát 12/41 thủ tục hành chính thuộc thẩm quyền giải quyết của Sở.", "ra-soat-tthc-dot-1.xlsx"),
        new("000/2", "2024-10-15", 70, "Đã rà soát 35/41 thủ tục; triển khai khảo sát sự hài lòng của người dân, doanh nghiệp quý III.", "ra-soat-tthc-dot-2.xlsx"),
        new("000/2", "2025-01-08", 100, "Hoàn thành rà soát 41/41 thủ tục và báo cáo kết quả đánh giá sự hài lòng năm 2024.", "bao-cao-ra-soat-tthc-2024.pdf",
            State: ReportState.Confirmed, ReviewedOn: "2025-01-10"),
        new("000/3", "2024-07-10", 50, "Trình Lãnh đạo Sở phương án ủy quyền giải quyết 5 thủ tục lĩnh vực tiêu chuẩn đo lường chất lượng.", "phuong-an-uy-quyen.pdf"),
        new("000/3", "2024-12-20", 100, "Tỷ lệ hồ sơ giải quyết đúng hạn năm 2024 đạt 100%, không có hồ sơ trễ hẹn.", "thong-ke-ho-so-2024.xlsx",
            State: ReportState.Confirmed, ReviewedOn: "2024-12-23"),
        new("000/4", "2024-06-25", 60, "Đã kiểm tra công vụ đột xuất 4/7 phòng, đơn vị; còn 3 đơn vị chưa kiểm tra.", "bien-ban-kiem-tra-cong-vu.pdf"),
        new("000/5", "2024-09-27", 100, "Đã tổng hợp các chỉ số thành phần PCI liên quan đến lĩnh vực khoa học và công nghệ.", "tong-hop-chi-so-pci.docx",
            State: ReportState.SentBack, ReviewedOn: "2024-09-30", SendBackReason: "Chưa nêu giải pháp cụ thể cho từng chỉ số thành phần."),
        new("000/5", "2024-10-15", 100, "Bổ sung giải pháp cụ thể cho từng chỉ số thành phần PCI thuộc lĩnh vực của Sở.", "giai-phap-chi-so-pci.docx",
            State: ReportState.Confirmed, ReviewedOn: "2024-10-17"),
        new("000/6", "2024-12-26", 50, "Người đứng đầu các phòng, đơn vị đã ký cam kết nêu gương; đang theo dõi việc thực hiện.", "cam-ket-nguoi-dung-dau.pdf"),
        new("000/8", "2024-01-25", 100, "Đã trình Giám đốc Sở ban hành Kế hoạch cải cách hành chính năm 2024 gắn với PAR INDEX, PCI.", "ke-hoach-cchc-2024.pdf",
            State: ReportState.Confirmed, ReviewedOn: "2024-01-26"),
    ];

    public async Task SeedAsync(DirectivesDbContext db, CancellationToken cancellationToken)
    {
        var documentIds = Documents.ToDictionary(d => d.Key, d => DemoId("document", d.Key));
        var taskIds = Tasks.ToDictionary(t => t.Key, t => DemoId("task", t.Key));

        var existingDocuments = (await db.Documents.Where(d => documentIds.Values.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var seed in Documents.Where(d => !existingDocuments.Contains(documentIds[d.Key])))
        {
            var document = new Document
            {
                Id = documentIds[seed.Key], Kind = seed.Kind, Symbol = seed.Symbol, IssuerUnitCode = seed.IssuerUnit, IssuerName = seed.IssuerName,
                Term = seed.Term, SignerName = seed.SignerName, SignerTitle = seed.SignerTitle, Summary = seed.Summary, Remarks = seed.Remarks,
                FullText = seed.TextResource is null ? "" : Text(seed.TextResource), CreatedBy = Seeder, UpdatedBy = Seeder,
            };
            PartialDate.TryParse(seed.IssueDate, out var issued);
            document.IssueDate = issued;
            document.Index();
            db.Documents.Add(document);
        }
        await db.SaveChangesAsync(cancellationToken);

        var existingReferences = await db.DocumentReferences.Where(r => documentIds.Values.Contains(r.FromDocumentId))
            .Select(r => new { r.FromDocumentId, r.ToDocumentId, r.Kind }).ToListAsync(cancellationToken);
        foreach (var seed in References)
        {
            var (from, to) = (documentIds[seed.From], documentIds[seed.To]);
            if (!existingReferences.Any(r => r.FromDocumentId == from && r.ToDocumentId == to && r.Kind == seed.Kind))
            {
                db.DocumentReferences.Add(new DocumentReference { FromDocumentId = from, ToDocumentId = to, Kind = seed.Kind });
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        var dispatch = Text("000-cong-van-trien-khai-35-CT-TU.txt");
        const string followUp = "Giao Văn phòng Sở chủ trì";
        var contents = NumberedItems(dispatch, until: followUp).ToDictionary(i => $"000/{i.Key}", i => i.Value);
        contents["000/TCTH"] = Paragraphs(dispatch).First(p => p.StartsWith(followUp, StringComparison.Ordinal));
        foreach (var (number, content) in NumberedItems(Text("002-chi-thi-35-CT-TU.txt"), until: "Chỉ thị này phổ biến"))
        {
            contents[$"002/{number}"] = content;
        }
        var existingTasks = (await db.Tasks.Where(t => taskIds.Values.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
        // Listed parents first, and saved one by one, so a sub-task's parent is always there.
        foreach (var seed in Tasks.Where(t => !existingTasks.Contains(taskIds[t.Key])))
        {
            var task = new DirectiveTask
            {
                Id = taskIds[seed.Key], DocumentId = documentIds[seed.Document], Number = seed.Number, Title = seed.Title,
                Content = contents.GetValueOrDefault(seed.Key, ""), LeadUnitCode = seed.Lead, CoordinatingUnitCodes = [.. seed.Coordinators],
                ParentTaskId = seed.Parent is null ? null : taskIds[seed.Parent], Remarks = seed.Remarks, CreatedBy = Seeder, UpdatedBy = Seeder,
            };
            task.SetSchedule(seed.Deadline is null ? null : DateOnly.Parse(seed.Deadline, System.Globalization.CultureInfo.InvariantCulture), seed.Recurrence);
            task.Index();
            db.Tasks.Add(task);
            await db.SaveChangesAsync(cancellationToken);
        }

        var reports = Reports.Concat(FollowUpReports()).ToList();
        var reportIds = reports.Select(r => DemoId("report", $"{r.Task}/{r.Period}/{r.ReportedOn}")).ToList();
        var existingReports = (await db.ProgressReports.Where(r => reportIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (seed, id) in reports.Zip(reportIds).Where(r => !existingReports.Contains(r.Second)))
        {
            var lead = Tasks.Single(t => t.Key == seed.Task).Lead;
            db.ProgressReports.Add(new ProgressReport
            {
                Id = id, TaskId = taskIds[seed.Task], Period = seed.Period, Text = seed.Text, Percent = seed.Percent,
                Evidence = [new FileAttachment(seed.Evidence, MediaType(seed.Evidence), Sha256Hex(seed.Evidence), 40_000 + seed.Evidence.Length * 1_000)],
                ReportedBy = $"demo.{lead.ToLowerInvariant()}", ReporterName = $"Chuyên viên {lead}", ReporterUnitCode = lead,
                ReportedAt = At(seed.ReportedOn), State = seed.State, ReviewedBy = seed.ReviewedOn is null ? "" : FollowUpOffice,
                ReviewedAt = seed.ReviewedOn is null ? null : At(seed.ReviewedOn), SendBackReason = seed.SendBackReason,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The follow-up office's quarterly reports: on time but for Q3/2024, and none yet for Q3/2026, which is overdue.</summary>
    private static IEnumerable<ReportSeed> FollowUpReports()
    {
        var schedule = Tasks.Single(t => t.Key == "000/TCTH").Recurrence!;
        foreach (var period in schedule.PeriodsDueBy(new DateOnly(2026, 6, 30)))
        {
            var reported = period.Key == "2024-Q3" ? period.Due.AddDays(7) : period.Due.AddDays(-3);
            yield return new ReportSeed("000/TCTH", reported.ToString(Dates.Format), 100,
                $"Báo cáo Ban Giám đốc kết quả thực hiện Công văn triển khai Chỉ thị 35-CT/TU kỳ {period.Key}.", $"bao-cao-{period.Key}.pdf",
                period.Key, ReportState.Confirmed, reported.AddDays(1).ToString(Dates.Format));
        }
    }

    /// <summary>
    /// The numbered items of a text ("1. …", "6.2. …"), each with the unnumbered paragraphs that
    /// follow it, up to the paragraph starting with <paramref name="until"/>.
    /// </summary>
    private static Dictionary<string, string> NumberedItems(string text, string until)
    {
        var items = new Dictionary<string, string>();
        string? current = null;
        foreach (var paragraph in Paragraphs(text).TakeWhile(p => !p.StartsWith(until, StringComparison.Ordinal)))
        {
            if (ItemStart().Match(paragraph) is { Success: true } start)
            {
                current = start.Groups[1].Value;
                items[current] = paragraph;
            }
            else if (current is not null)
            {
                items[current] += "\n\n" + paragraph;
            }
        }
        return items;
    }

    // The sources were printed: a paragraph cut by a page break resumes in lower case.
    private static IEnumerable<string> Paragraphs(string text) => PageBreak().Replace(text, " ").Split("\n\n", StringSplitOptions.TrimEntries);

    private static string Text(string resource)
    {
        using var stream = typeof(DemoDirectivesSeeder).Assembly.GetManifestResourceStream($"Demo/{resource}")
            ?? throw new InvalidOperationException($"The demo text {resource} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static Guid DemoId(string kind, string key) => new(MD5.HashData(Encoding.UTF8.GetBytes($"cchc-demo:{kind}:{key}")));

    private static string Sha256Hex(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static DateTimeOffset At(string day) =>
        new DateTimeOffset(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(9, 0)), VietnamTime.Offset).ToUniversalTime();

    private static string MediaType(string file) => Path.GetExtension(file) switch
    {
        ".pdf" => "application/pdf",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };

    [GeneratedRegex(@"(?<=[^.:;\n])\n\n(?=\p{Ll})")]
    private static partial Regex PageBreak();

    [GeneratedRegex(@"^(\d+(?:\.\d+)*)\.\s")]
    private static partial Regex ItemStart();
}
