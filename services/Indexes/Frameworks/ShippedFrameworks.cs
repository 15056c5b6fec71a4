namespace Cchc.Indexes.Frameworks;

/// <summary>
/// The published structures of the four governance indexes and the 766 service index, from
/// shared/reference/vn-domain.md §2.2 and §5. Parts the reference marks unconfirmed are flagged.
/// </summary>
public static class ShippedFrameworks
{
    private sealed record Node(string Code, string Name, decimal? Max, bool Unconfirmed = false, params Node[] Children);

    public static IReadOnlyList<IndexFramework> All { get; } =
    [
        Build("PAR_INDEX", "Chỉ số cải cách hành chính cấp tỉnh (PAR INDEX)",
            "QĐ 876/QĐ-BNV ngày 10/11/2022 (giai đoạn 2022–2030)", ScoreScale.Percent, 100,
            // The per-field maxima and criteria counts of the provincial index were not retrieved.
            new Node("F1", "Công tác chỉ đạo, điều hành cải cách hành chính", null, true),
            new Node("F2", "Cải cách thể chế", null, true),
            new Node("F3", "Cải cách thủ tục hành chính", null, true),
            new Node("F4", "Cải cách tổ chức bộ máy hành chính nhà nước", null, true),
            new Node("F5", "Cải cách chế độ công vụ", null, true),
            new Node("F6", "Cải cách tài chính công", null, true),
            new Node("F7", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", null, true),
            new Node("F8", "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội của tỉnh", null, true)),
        Build("SIPAS", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)",
            "QĐ 1001/QĐ-BNV ngày 11/12/2024 (giai đoạn 2023–2026)", ScoreScale.Percent, 100,
            new Node("E1", "Tiếp cận dịch vụ", null, true),
            new Node("E2", "Thủ tục hành chính", null, true),
            new Node("E3", "Công chức trực tiếp giải quyết công việc", null, true),
            new Node("E4", "Kết quả cung ứng dịch vụ", null, true),
            new Node("E5", "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị", null, true)),
        Build("PAPI", "Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh (PAPI)",
            "PAPI (UNDP, CECODES), 8 chỉ số nội dung từ năm 2018", ScoreScale.Points, 80,
            new Node("D1", "Tham gia của người dân ở cấp cơ sở", 10),
            new Node("D2", "Công khai, minh bạch", 10),
            new Node("D3", "Trách nhiệm giải trình với người dân", 10),
            new Node("D4", "Kiểm soát tham nhũng trong khu vực công", 10),
            new Node("D5", "Thủ tục hành chính công", 10),
            new Node("D6", "Cung ứng dịch vụ công", 10),
            new Node("D7", "Quản trị môi trường", 10),
            new Node("D8", "Quản trị điện tử", 10)),
        // Weights from the 2016 PCI handbook; later editions may have revised them.
        Build("PCI", "Chỉ số Năng lực cạnh tranh cấp tỉnh (PCI)",
            "VCCI, Sổ tay PCI 2016 (trọng số)", ScoreScale.Points, 100,
            new Node("S1", "Gia nhập thị trường", 5, true),
            new Node("S2", "Tiếp cận đất đai và sự ổn định trong sử dụng đất", 5, true),
            new Node("S3", "Tính minh bạch", 20, true),
            new Node("S4", "Chi phí thời gian", 5, true),
            new Node("S5", "Chi phí không chính thức", 10, true),
            new Node("S6", "Cạnh tranh bình đẳng", 5, true),
            new Node("S7", "Tính năng động của chính quyền tỉnh", 5, true),
            new Node("S8", "Dịch vụ hỗ trợ doanh nghiệp", 20, true),
            new Node("S9", "Đào tạo lao động", 20, true),
            new Node("S10", "Thiết chế pháp lý và an ninh trật tự", 5, true)),
        Build("SERVICE_766", "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (QĐ 766)",
            "QĐ 766/QĐ-TTg ngày 23/6/2022; điểm tối đa theo Cổng DVCQG hiện hành", ScoreScale.Points, 100,
            new Node("I", "Công khai, minh bạch", 18, false,
                new Node("1.1", "Tỷ lệ TTHC công bố đúng hạn", 6),
                new Node("1.2", "Tỷ lệ TTHC được cập nhật, công khai đúng hạn", 4),
                new Node("1.3", "Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành", 2),
                new Node("1.4", "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG", 6)),
            new Node("II", "Tiến độ, kết quả giải quyết", 20, false,
                new Node("2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", 20)),
            new Node("III", "Cung cấp dịch vụ trực tuyến", 22, false,
                new Node("3.1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến", 2),
                new Node("3.2", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", 4),
                new Node("3.3", "Tỷ lệ hồ sơ nộp trực tuyến", 6),
                new Node("3.5a", "Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính được tích hợp thanh toán trực tuyến", 2),
                new Node("3.5b", "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", 2, true),
                new Node("3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", 6)),
            new Node("IV", "Số hóa hồ sơ", 22, false,
                new Node("4.1", "Tỷ lệ hồ sơ có cấp kết quả giải quyết điện tử", 6),
                new Node("4.2", "Tỷ lệ hồ sơ thực hiện số hóa", 4),
                new Node("4.2c", "Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính", 2),
                new Node("4.3", "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa", 2),
                new Node("4.4", "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu với kho DVCQG", 4, true),
                new Node("4.5a", "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư", 2),
                new Node("4.5b", "Tỷ lệ hồ sơ sử dụng dữ liệu từ CSDLQG về dân cư", 2)),
            new Node("V", "Mức độ hài lòng", 18, false,
                new Node("5.2", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn", 6),
                new Node("5.3", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", 6),
                new Node("5.4", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", 6))),
    ];

    private static IndexFramework Build(string code, string name, string methodology, ScoreScale scale, decimal maxTotal, params Node[] roots)
    {
        var framework = new IndexFramework { Code = code, Version = 1, Name = name, Methodology = methodology, Scale = scale, MaxTotal = maxTotal };
        var ordinal = 0;
        void Add(Node node, string? parent)
        {
            framework.Components.Add(new IndexComponent
            {
                FrameworkCode = code,
                FrameworkVersion = 1,
                Code = node.Code,
                ParentCode = parent,
                Ordinal = ordinal++,
                Name = node.Name,
                MaxScore = node.Max,
                Unconfirmed = node.Unconfirmed,
            });
            foreach (var child in node.Children)
            {
                Add(child, node.Code);
            }
        }
        foreach (var root in roots)
        {
            Add(root, null);
        }
        return framework;
    }
}
