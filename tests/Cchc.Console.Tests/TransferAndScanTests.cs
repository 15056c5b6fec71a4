using Cchc.Console.Presentation;
using Cchc.Directives.V1;
using Cchc.Dossiers.V1;
using Google.Protobuf.WellKnownTypes;
using Unit = Cchc.Directives.V1.Unit;

namespace Cchc.Console.Tests;

public sealed class TransferAndScanTests
{
    private static Unit U(string code, string name, UnitKind kind, string parent, int depth, bool active = true) =>
        new() { Code = code, Name = name, Kind = kind, ParentCode = parent, Depth = depth, Active = active };

    [Fact]
    public void A_dossier_may_go_to_other_agencies_of_the_province_not_its_own_units_nor_party_bodies()
    {
        Unit[] registry =
        [
            U("QT", "Tỉnh Quảng Trị", UnitKind.Province, "", 0),
            U("QT.TU", "Tỉnh ủy Quảng Trị", UnitKind.PartyCommittee, "QT", 1),
            U("QT.TU.BTG", "Ban Tuyên giáo Tỉnh ủy", UnitKind.Agency, "QT.TU", 2),
            U("QT.UBND", "Ủy ban nhân dân tỉnh Quảng Trị", UnitKind.PeoplesCommittee, "QT", 1),
            U("QT.SKHCN", "Sở Khoa học và Công nghệ", UnitKind.Agency, "QT", 1),
            U("QT.SKHCN.CCTDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", UnitKind.SubDepartment, "QT.SKHCN", 2),
            U("QT.SKHCN.TTKT", "Trung tâm Kỹ thuật TĐC", UnitKind.Centre, "QT.SKHCN", 2),
            U("QT.SXD", "Sở Xây dựng", UnitKind.Agency, "QT", 1),
            U("QT.SCT", "Sở Công Thương", UnitKind.Agency, "QT", 1),
            U("QT.SCU", "Sở đã giải thể", UnitKind.Agency, "QT", 1, active: false),
            U("QT.TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", UnitKind.Centre, "QT", 1),
            U("QT.DONGHA", "Phường Đông Hà", UnitKind.Commune, "QT", 1),
        ];

        var targets = AgencyTransfers.Targets(registry, "QT.SKHCN").Select(u => u.Code).ToList();

        // Vietnamese alphabetical order: Phường, Sở Công Thương, Sở Xây dựng, Trung tâm, Ủy ban.
        Assert.Equal(["QT.DONGHA", "QT.SCT", "QT.SXD", "QT.TTPVHCC", "QT.UBND"], targets);
    }

    private static Dossier InProgress(params DossierAction[] allowed)
    {
        var dossier = new Dossier { Code = "QT.SKHCN-261206-0001", Status = DossierStatus.InProgress };
        dossier.AllowedActions.AddRange(allowed);
        return dossier;
    }

    [Fact]
    public void The_processing_unit_sends_a_dossier_it_holds_and_records_it_back_once_away()
    {
        var here = InProgress(DossierAction.TransferToAgency, DossierAction.CompleteResult);
        Assert.True(AgencyTransfers.MaySend(here, ["processing_officer"]));
        Assert.True(AgencyTransfers.MaySend(here, ["unit_head"]));
        Assert.False(AgencyTransfers.MaySend(here, ["desk_officer"]));
        Assert.False(AgencyTransfers.MayRecordReturn(here, ["processing_officer"]));
        Assert.Null(AgencyTransfers.Current(here));

        var away = InProgress(DossierAction.ReturnFromAgency);
        away.TransferredToAgencyCode = "QT.SXD";
        away.AgencyTransfers.Add(new AgencyTransfer { ToAgencyCode = "QT.SXD", Purpose = "Cho ý kiến", SentAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) });
        Assert.False(AgencyTransfers.MaySend(away, ["processing_officer"]));
        Assert.True(AgencyTransfers.MayRecordReturn(away, ["processing_officer"]));
        Assert.False(AgencyTransfers.MayRecordReturn(away, ["leadership"]));
        Assert.Equal("QT.SXD", AgencyTransfers.Current(away)?.ToAgencyCode);
        Assert.Equal("Đang ở cơ quan liên thông", AgencyTransfers.Outcome(away.AgencyTransfers[0]));
    }

    [Fact]
    public void A_returned_transfer_reads_its_outcome_and_judgement_and_the_allowance_is_in_working_days()
    {
        var back = new AgencyTransfer
        {
            ReturnedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch), Outcome = AgencyTransferOutcome.Completed, StepOutcome = StepOutcome.Late,
        };
        Assert.Equal("Đã hoàn thành phần việc — quá hạn", AgencyTransfers.Outcome(back));
        back.Outcome = AgencyTransferOutcome.Refused;
        back.StepOutcome = StepOutcome.OnTime;
        Assert.Equal("Không thực hiện — đúng hạn", AgencyTransfers.Outcome(back));

        Assert.Equal(new StatutoryTime { Amount = "3", Unit = DurationUnit.WorkingDays }, AgencyTransfers.Allowance(3));
        // 0: the service's default, the working time left until the appointment.
        Assert.Null(AgencyTransfers.Allowance(0));
    }

    [Theory]
    [InlineData("don-de-nghi.pdf", 120_000, "application/pdf", null)]
    [InlineData("CCCD.JPG", 800_000, "image/jpeg", null)]
    [InlineData("ban-quet.tiff", 2_000_000, "image/tiff", null)]
    [InlineData("ho-so.docx", 10_000, null, "không phải bản quét PDF hoặc ảnh")]
    [InlineData("rong.pdf", 0, "application/pdf", "rỗng")]
    [InlineData("qua-lon.pdf", 16 * 1024 * 1024 + 1, "application/pdf", "lớn hơn 16 MB")]
    public void A_scan_is_a_pdf_or_an_image_within_the_limit(string fileName, long size, string? mediaType, string? problem)
    {
        Assert.Equal(mediaType, PaperScans.MediaType(fileName));
        if (problem is null)
        {
            Assert.Null(PaperScans.Problem(fileName, size));
        }
        else
        {
            Assert.Contains(problem, PaperScans.Problem(fileName, size), StringComparison.Ordinal);
        }
    }
}
