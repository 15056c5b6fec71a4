namespace Cchc.Indexes.Results;

/// <summary>
/// Published results Cchc ships with, each with its source: Quảng Trị's ranks from the footnote of
/// Chỉ thị 35-CT/TU (shared/seeds/002) and the other figures of shared/reference/vn-domain.md §5.
/// Figures the reference marks as from a single secondary source are flagged unconfirmed.
/// </summary>
public static class ShippedResults
{
    private const string Directive35 = "Chỉ thị 35-CT/TU ngày 12/12/2022 của BTV Tỉnh ủy Quảng Trị, chú thích 1";

    public sealed record Row(string Framework, int Year, string Subject, decimal? Total, int? Rank, int? RankedCount, string Source, bool Unconfirmed = false);

    public static IReadOnlyList<Row> All { get; } =
    [
        new("PAR_INDEX", 2022, "QUANG_TRI", null, 52, 63, Directive35),
        new("SIPAS", 2020, "QUANG_TRI", null, 34, 63, Directive35),
        new("SIPAS", 2021, "QUANG_TRI", null, 46, 63, Directive35),
        new("SIPAS", 2022, "QUANG_TRI", null, 55, 63, Directive35),
        new("PAPI", 2020, "QUANG_TRI", null, 6, 63, Directive35),
        new("PAPI", 2021, "QUANG_TRI", null, 28, 63, Directive35),
        new("PAPI", 2022, "QUANG_TRI", null, 37, 63, Directive35),
        new("PCI", 2020, "QUANG_TRI", null, 41, 63, Directive35),
        new("PCI", 2021, "QUANG_TRI", null, 41, 63, Directive35),
        new("PCI", 2022, "QUANG_TRI", null, 59, 63, Directive35),

        new("PAR_INDEX", 2024, "VN", 88.37m, null, null, "Bộ Nội vụ công bố PAR INDEX 2024 ngày 06/4/2025 (bình quân cả nước)"),
        new("PAR_INDEX", 2024, "HAI_PHONG", 96.17m, 1, 63, "Bộ Nội vụ công bố PAR INDEX 2024 ngày 06/4/2025"),
        new("PAR_INDEX", 2023, "HA_NOI", 91.43m, 3, 63, "PAR INDEX 2023 (nvsk.vnanet.vn)"),
        new("SIPAS", 2023, "VN", 82.66m, null, null, "SIPAS 2023 (baotintuc.vn): bình quân cả nước"),
        new("SIPAS", 2022, "VN", 80.08m, null, null, "SIPAS 2022 (baotintuc.vn): bình quân cả nước"),
        new("SIPAS", 2023, "QUANG_NINH", 90.61m, 1, 63, "SIPAS 2023 (baotintuc.vn)"),
        new("PCI", 2022, "QUANG_NINH", 72.95m, 1, 63, "PCI 2022 (investinquangninh.vn)"),
        new("PAR_INDEX", 2024, "LAM_DONG", 83.1m, 62, 63, "Một nguồn thứ cấp (vn-domain.md §5.1)", Unconfirmed: true),
        new("SIPAS", 2024, "LAM_DONG", 83.0m, 39, 63, "Một nguồn thứ cấp (vn-domain.md §5.2)", Unconfirmed: true),
        new("PAPI", 2024, "LAM_DONG", 41.02m, 54, 63, "Một nguồn thứ cấp (vn-domain.md §5.3)", Unconfirmed: true),
        new("PCI", 2024, "LAM_DONG", 65.08m, 54, 63, "Một nguồn thứ cấp (vn-domain.md §5.4)", Unconfirmed: true),
    ];
}
