using Cchc.Directives.Organization;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Data;

/// <summary>
/// Development demo data: Quảng Trị province with the bodies named in the source documents and
/// the Department of Science and Technology with its units. Inserts only what is missing.
/// </summary>
internal sealed class DemoOrganizationSeeder : IDatabaseSeeder<DirectivesDbContext>
{
    private static readonly (string Code, string Name, string ShortName, UnitKind Kind, string? Parent)[] Units =
    [
        ("QT", "Tỉnh Quảng Trị", "Quảng Trị", UnitKind.Province, null),
        ("QT.TU", "Tỉnh ủy Quảng Trị", "Tỉnh ủy", UnitKind.PartyCommittee, "QT"),
        ("QT.UBND", "Ủy ban nhân dân tỉnh Quảng Trị", "UBND tỉnh", UnitKind.PeoplesCommittee, "QT"),
        ("QT.SKHCN", "Sở Khoa học và Công nghệ tỉnh Quảng Trị", "Sở KH&CN", UnitKind.Agency, "QT"),
        ("QT.SKHCN.VP", "Văn phòng Sở", "Văn phòng", UnitKind.Office, "QT.SKHCN"),
        // The one-stop desk that receives every demo dossier (Dossiers' DemoProcedures.Desk).
        ("QT.SKHCN.MC", "Bộ phận Một cửa Sở Khoa học và Công nghệ", "Bộ phận Một cửa", UnitKind.Office, "QT.SKHCN"),
        ("QT.SKHCN.KHTC", "Phòng Kế hoạch - Tài chính", "Phòng KH-TC", UnitKind.Division, "QT.SKHCN"),
        ("QT.SKHCN.QLKH", "Phòng Quản lý Khoa học", "Phòng QLKH", UnitKind.Division, "QT.SKHCN"),
        ("QT.SKHCN.QLCN", "Phòng Quản lý Công nghệ và Chuyên ngành", "Phòng QLCN", UnitKind.Division, "QT.SKHCN"),
        ("QT.SKHCN.TTR", "Thanh tra Sở", "Thanh tra", UnitKind.Division, "QT.SKHCN"),
        ("QT.SKHCN.CCTDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Chi cục TĐC", UnitKind.SubDepartment, "QT.SKHCN"),
        ("QT.SKHCN.TTTT", "Trung tâm Thông tin, Ứng dụng, Thống kê Khoa học và Công nghệ", "Trung tâm Thông tin KH&CN", UnitKind.Centre, "QT.SKHCN"),
        ("QT.SKHCN.TTKT", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Kỹ thuật TĐC", UnitKind.Centre, "QT.SKHCN"),
        ("QT.SKHCN.VP.CNTT", "Tổ Công nghệ thông tin", "Tổ CNTT", UnitKind.Division, "QT.SKHCN.VP"),
        ("QT.TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh Quảng Trị", "TTPVHCC", UnitKind.Centre, "QT"),
        // The bodies Directive 35-CT/TU (§6) gives tasks to.
        ("QT.TU.VP", "Văn phòng Tỉnh ủy Quảng Trị", "Văn phòng Tỉnh ủy", UnitKind.Office, "QT.TU"),
        ("QT.TU.BTG", "Ban Tuyên giáo Tỉnh ủy Quảng Trị", "Ban Tuyên giáo", UnitKind.Agency, "QT.TU"),
        ("QT.TU.UBKT", "Ủy ban Kiểm tra Tỉnh ủy Quảng Trị", "UBKT Tỉnh ủy", UnitKind.Agency, "QT.TU"),
        ("QT.TU.BNC", "Ban Nội chính Tỉnh ủy Quảng Trị", "Ban Nội chính", UnitKind.Agency, "QT.TU"),
        ("QT.TU.BCSUBND", "Ban cán sự đảng Ủy ban nhân dân tỉnh Quảng Trị", "Ban cán sự đảng UBND tỉnh", UnitKind.PartyCommittee, "QT.TU"),
    ];

    /// <summary>
    /// Officials of the Department. The people are invented (the sources name no officials below the
    /// signers); the first five are the accounts of the AppHost's development tokens (<c>dev-&lt;role&gt;</c>).
    /// </summary>
    private static readonly (string Id, string Name, string Unit, string Position, string[] Roles, bool Head)[] Officials =
    [
        ("dev-desk_officer", "Lê Thị Hoa", "QT.SKHCN.MC", "Chuyên viên Bộ phận Một cửa", ["desk_officer"], false),
        ("dev-processing_officer", "Nguyễn Văn Minh", "QT.SKHCN.QLCN", "Chuyên viên", ["processing_officer"], false),
        ("dev-unit_head", "Trần Quốc Bảo", "QT.SKHCN.QLCN", "Trưởng phòng", ["unit_head"], true),
        ("dev-leadership", "Phạm Thị Lan", "QT.SKHCN", "Phó Giám đốc Sở", ["leadership"], false),
        ("dev-follow_up_office", "Hoàng Văn Nam", "QT.SKHCN.VP", "Chuyên viên Văn phòng", ["follow_up_office"], false),
        ("demo-giam-doc", "Võ Văn Hưng", "QT.SKHCN", "Giám đốc Sở", ["leadership", "unit_head"], true),
        ("demo-chanh-van-phong", "Đoàn Thị Thủy", "QT.SKHCN.VP", "Chánh Văn phòng", ["follow_up_office", "unit_head"], true),
        ("demo-chi-cuc-truong", "Lê Văn Sơn", "QT.SKHCN.CCTDC", "Chi cục trưởng", ["unit_head"], true),
        ("demo-giam-doc-tttt", "Nguyễn Thị Hằng", "QT.SKHCN.TTTT", "Giám đốc Trung tâm", ["unit_head"], true),
        ("demo-to-truong-cntt", "Hồ Văn Phúc", "QT.SKHCN.VP.CNTT", "Tổ trưởng", ["unit_head"], true),
    ];

    public async Task SeedAsync(DirectivesDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Units.ToDictionaryAsync(u => u.Code, cancellationToken);
        foreach (var (code, name, shortName, kind, parentCode) in Units)
        {
            if (existing.ContainsKey(code))
            {
                continue;
            }
            var unit = Unit.Create(code, name, shortName, kind, parentCode is null ? null : existing[parentCode]);
            db.Units.Add(unit);
            existing[code] = unit;
        }
        await db.SaveChangesAsync(cancellationToken);

        var officials = (await db.Officials.Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (id, name, unit, position, roles, head) in Officials.Where(o => !officials.Contains(o.Id)))
        {
            db.Officials.Add(new Official
            {
                Id = id, FullName = name, UnitCode = unit, Position = position, Roles = [.. roles], UnitHead = head, UpdatedAt = ServiceClock.System.UtcNow(),
                // Demo mailboxes: in Development the AppHost's local mail server keeps what is sent (.cchc/mail).
                Email = $"{id}@skhcn.quangtri.demo",
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
