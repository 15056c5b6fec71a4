using System.Text;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Google.Protobuf;
using Grpc.Core;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>
/// Statistics against a hand-computed table: dossiers driven through the real RPCs on the test clock
/// in July 2026 (and one in June, one of another agency), counted on 20 July 2026.
/// </summary>
public sealed class StatisticsTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private const string QualityProcedure = "1.000901";   // processed by the TĐC unit, 2 working days, target 1 day
    private const string TechnologyProcedure = "1.000902"; // processed by the QLCN unit, 2 working days
    private const string OtherAgency = "QT.SXD";
    private const string OtherProcedure = "1.000903";

    private readonly DossierScenario _scenario = new(fixture);
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    private static string Desk => DeskOfficer();
    private static string Quality => ProcessingOfficer(QualityUnit);
    private static string QualityHead => UnitHead(QualityUnit);
    private static string TechnologyHead => UnitHead(TechnologyUnit);

    private DossierStatistics.DossierStatisticsClient Statistics(string token) => new(fixture.ClockedChannel(token));

    private async Task CreateProcedureAsync(string code, string agency, string unit, int targetCut)
    {
        var catalog = new ProcedureCatalog.ProcedureCatalogClient(fixture.ClockedChannel(TestIdentity.Administrator));
        await catalog.CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = new Procedure
            {
                Code = code,
                Name = $"Thủ tục thử nghiệm {code}",
                Field = "Tiêu chuẩn, Đo lường, Chất lượng",
                AgencyCode = agency,
                ProcessingUnitCode = unit,
                StatutoryTime = new StatutoryTime { Amount = "2", Unit = DurationUnit.WorkingDays },
                OnlineLevel = OnlineLevel.Full,
                TargetCutPercent = targetCut,
            },
        });
    }

    private static ReceiveDossierRequest Intake(string procedure, string applicant, IntakeChannel channel = IntakeChannel.InPerson, string agency = Agency) =>
        NewIntake(procedure, agency, channel).Also(r =>
        {
            r.Applicant.IdentityNumber = "0450900012" + applicant;
            if (channel == IntakeChannel.Online)
            {
                r.ReceivingUnitCode = $"{agency}.MC";
            }
        });

    private async Task<DossierReceipt> InPersonStartedAsync(string procedure, string applicant, int day)
    {
        _scenario.At(2026, 7, day, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Intake(procedure, applicant));
        _scenario.At(2026, 7, day, 10, 0);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing);
        return receipt;
    }

    private async Task<DossierReceipt> OnlineReceivedAsync(string procedure, string applicant, int day)
    {
        _scenario.At(2026, 7, day, 8, 0);
        return await _scenario.ReceiveAsync(Intake(procedure, applicant, IntakeChannel.Online), Integrator);
    }

    private async Task RateAsync(DossierReceipt receipt, SatisfactionLevel level) =>
        await new PublicStatus.PublicStatusClient(fixture.ClockedChannel(null)).RateDossierAsync(new RateDossierRequest
        {
            DossierCode = receipt.DossierCode, LookupSecret = receipt.LookupSecret, Overall = level,
        });

    private async Task<Dossier> AttachPaperAsync(string code, int index)
    {
        var current = await _scenario.GetAsync(code, Desk);
        return (await new DigitisedPapers.DigitisedPapersClient(fixture.ClockedChannel(Desk)).AttachDigitisedPaperAsync(new AttachDigitisedPaperRequest
        {
            DossierCode = code, Etag = current.Etag, PaperIndex = index, FileName = "giay-chung-nhan.pdf", MediaType = "application/pdf",
            Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes($"%PDF-1.7 {code}")),
        })).Dossier;
    }

    /// <summary>The dossiers of the table; the fixture's database is this class's own, so nothing else is counted.</summary>
    private async Task SeedAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }
            await CreateProcedureAsync(QualityProcedure, Agency, QualityUnit, targetCut: 50);
            await CreateProcedureAsync(TechnologyProcedure, Agency, TechnologyUnit, targetCut: 0);
            await CreateProcedureAsync(OtherProcedure, OtherAgency, $"{OtherAgency}.QLXD", targetCut: 0);

            // A1: early (finished the day it was received), paper 1 digitised, electronic result, very satisfied.
            var a1 = await InPersonStartedAsync(QualityProcedure, "01", 6);
            await AttachPaperAsync(a1.DossierCode, 1);
            _scenario.At(2026, 7, 6, 15, 0);
            await _scenario.ActAsync(Quality, a1.DossierCode, DossierAction.CompleteResult);
            var ready = await _scenario.GetAsync(a1.DossierCode, Desk);
            await new DigitisedPapers.DigitisedPapersClient(fixture.ClockedChannel(Desk)).AttachDigitisedResultAsync(new AttachDigitisedResultRequest
            {
                DossierCode = a1.DossierCode, Etag = ready.Etag, FileName = "ket-qua.pdf", MediaType = "application/pdf",
                Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes("%PDF-1.7 kết quả A1")),
            });
            _scenario.At(2026, 7, 6, 16, 0);
            await _scenario.ActAsync(Desk, a1.DossierCode, DossierAction.ReturnResult);
            await RateAsync(a1, SatisfactionLevel.VerySatisfied);

            // A2: online, same applicant (paper 1 reused), finished on the deadline's day before it, dissatisfied.
            var a2 = await OnlineReceivedAsync(QualityProcedure, "01", 7);
            _scenario.At(2026, 7, 7, 9, 0);
            await _scenario.ActAsync(Desk, a2.DossierCode, DossierAction.Receive);
            await _scenario.ActAsync(Desk, a2.DossierCode, DossierAction.StartProcessing);
            var legalDue = (await _scenario.GetAsync(a2.DossierCode, Desk)).LegalDueAt.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(7));
            Assert.True(legalDue.Hour >= 8, "the deadline falls after 8:00, so finishing at 8:00 that day is on time but not early");
            fixture.Clock.SetVietnam(legalDue.Year, legalDue.Month, legalDue.Day, 8, 0);
            await _scenario.ActAsync(Quality, a2.DossierCode, DossierAction.CompleteResult);
            await _scenario.ActAsync(Desk, a2.DossierCode, DossierAction.ReturnResult);
            await RateAsync(a2, SatisfactionLevel.Dissatisfied);

            // A3: late (result on 15 July), not returned.
            var a3 = await InPersonStartedAsync(QualityProcedure, "03", 6);
            _scenario.At(2026, 7, 15, 10, 0);
            await _scenario.ActAsync(Quality, a3.DossierCode, DossierAction.CompleteResult);

            // A4: an apology letter, still in progress on 20 July: overdue now.
            var a4 = await InPersonStartedAsync(QualityProcedure, "04", 6);
            _scenario.At(2026, 7, 6, 11, 0);
            var current = await _scenario.GetAsync(a4.DossierCode, Quality);
            await _scenario.Dossiers(Quality).IssueApologyLetterAsync(new IssueApologyLetterRequest
            {
                DossierCode = a4.DossierCode, Etag = current.Etag, Reason = "Cần thêm thời gian thẩm định", NewAppointmentDate = "2026-07-16",
                AgencyName = "Sở Khoa học và Công nghệ tỉnh Quảng Trị", SignerName = "Trần Thị Bình", SignerTitle = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            });

            // A5: online, refused at the desk.
            var a5 = await OnlineReceivedAsync(QualityProcedure, "05", 8);
            await _scenario.ActAsync(Desk, a5.DossierCode, DossierAction.Refuse, "Hồ sơ không thuộc thẩm quyền");

            // B1: waiting for a supplement asked before its deadline: in progress, not overdue.
            var b1 = await InPersonStartedAsync(TechnologyProcedure, "11", 7);
            _scenario.At(2026, 7, 7, 14, 0);
            await _scenario.ActAsync(TechnologyHead, b1.DossierCode, DossierAction.RequestSupplement, r =>
            {
                r.Reason = "Thiếu hồ sơ";
                r.SupplementRequirements = "Bản sao giấy chứng nhận đăng ký doanh nghiệp";
            });

            // B2: the applicant asks to withdraw it at the desk.
            _scenario.At(2026, 7, 7, 9, 0);
            var b2 = await _scenario.ReceiveAsync(Intake(TechnologyProcedure, "12"));
            await _scenario.ActAsync(Desk, b2.DossierCode, DossierAction.RequestWithdrawal);

            // B3: stopped by the unit head.
            var b3 = await InPersonStartedAsync(TechnologyProcedure, "13", 7);
            await _scenario.ActAsync(TechnologyHead, b3.DossierCode, DossierAction.Stop, "Cơ sở ngừng hoạt động");

            // Outside the table: one in June, one of another agency.
            _scenario.At(2026, 6, 30, 9, 0);
            await _scenario.ReceiveAsync(Intake(TechnologyProcedure, "21"));
            _scenario.At(2026, 7, 8, 9, 0);
            await _scenario.ReceiveAsync(Intake(OtherProcedure, "22", agency: OtherAgency));

            _scenario.At(2026, 7, 20, 9, 0);
            _seeded = true;
        }
        finally
        {
            Seeded.Release();
        }
    }

    private static GetDossierStatisticsRequest July(StatisticsGroupBy groupBy, string unit = "") =>
        new() { Year = 2026, Month = 7, GroupBy = groupBy, UnitCode = unit };

    private static void AssertCounts(DossierStatisticsRow row, int received, int inProgress, int finished, int early, int onTime, int late,
        int overdue, int refused, int stopped, int withdrawal, int letters, int online, int papers, int digitised, int reused,
        int electronic, int withTarget, int targetMet, int rated, int satisfied)
    {
        Assert.Equal(
            new[] { received, inProgress, finished, early, onTime, late, overdue, refused, stopped, withdrawal, letters, online, papers, digitised, reused, electronic, withTarget, targetMet, rated, satisfied },
            new[]
            {
                row.Received, row.InProgress, row.Finished, row.FinishedEarly, row.FinishedOnTime, row.FinishedLate, row.OverdueNow,
                row.Refused, row.Stopped, row.WithdrawalRequested, row.ApologyLetters, row.Online, row.Papers, row.PapersDigitised,
                row.PapersReused, row.ResultsElectronic, row.FinishedWithTarget, row.TargetMet, row.Rated, row.RatedVerySatisfied + row.RatedSatisfied,
            });
    }

    [Fact]
    public async Task Leadership_sees_the_agency_by_unit_with_the_hand_computed_table()
    {
        await SeedAsync();
        var leadership = TestIdentity.Token(Roles.Leadership, Agency, Agency);

        var response = await Statistics(leadership).GetDossierStatisticsAsync(July(StatisticsGroupBy.Unit));

        Assert.Equal([TechnologyUnit, QualityUnit], response.Rows.Select(r => r.Key));
        var quality = response.Rows.Single(r => r.Key == QualityUnit);
        var technology = response.Rows.Single(r => r.Key == TechnologyUnit);
        //                    recv prog fin early on late over ref stop wdr lett onl pap dig reu ele tgt met rat sat
        AssertCounts(quality,    5,   1,  3,   1,  1,   1,   1,  1,   0,  0,   1,  2, 10,  2,  1,  1,  3,  1,  2,  1);
        AssertCounts(technology, 3,   2,  0,   0,  0,   0,   0,  0,   1,  1,   0,  0,  6,  0,  0,  0,  0,  0,  0,  0);
        AssertCounts(response.Total, 8, 3, 3,  1,  1,   1,   1,  1,   1,  1,   1,  2, 16,  2,  1,  1,  3,  1,  2,  1);

        Assert.Equal(0.4, quality.OnlineShare);
        Assert.Equal(0.2, quality.DigitisedShare);
        Assert.Equal(0.1, quality.ReuseShare);
        Assert.Equal(0.3333, quality.ElectronicResultShare);
        Assert.Equal(0.3333, quality.TargetMetShare);
        Assert.Equal(0.5, quality.SatisfactionShare);
        Assert.Equal(0.6667, quality.OnTimeShare);
        Assert.Equal(1, quality.DossiersWithApology);
        // Two working days at 7 h 30 min, the target half of it; the mean processing time is the mean of the dossiers' own.
        Assert.Equal(TimeSpan.FromMinutes(900), quality.AverageStatutoryTime.ToTimeSpan());
        Assert.Equal(TimeSpan.FromMinutes(450), quality.AverageTargetTime.ToTimeSpan());
        var finished = await _scenario.Dossiers(leadership).ListDossiersAsync(new ListDossiersRequest
        {
            Statuses = { DossierStatus.ResultReady, DossierStatus.ResultReturned },
        });
        var own = new List<TimeSpan>();
        foreach (var summary in finished.Dossiers)
        {
            own.Add((await _scenario.GetAsync(summary.Code, leadership)).ProcessingTime.ToTimeSpan());
        }
        Assert.Equal(3, own.Count);
        Assert.Equal(Math.Round(own.Average(t => t.TotalMinutes)), quality.AverageProcessingTime.ToTimeSpan().TotalMinutes);
        Assert.Null(technology.AverageProcessingTime);
    }

    [Fact]
    public async Task Procedure_and_month_groupings_and_the_period_bound_what_is_counted()
    {
        await SeedAsync();

        var byProcedure = await Statistics(TestIdentity.Administrator).GetDossierStatisticsAsync(July(StatisticsGroupBy.Procedure, Agency));
        Assert.Equal([QualityProcedure, TechnologyProcedure], byProcedure.Rows.Select(r => r.Key));
        Assert.Equal($"Thủ tục thử nghiệm {QualityProcedure}", byProcedure.Rows[0].Name);
        Assert.Equal(8, byProcedure.Total.Received);

        // An administrator without a unit counts every agency; June and July by month.
        var byMonth = await Statistics(TestIdentity.Administrator).GetDossierStatisticsAsync(new GetDossierStatisticsRequest
        {
            FromDate = "2026-06-01", ToDate = "2026-07-31", GroupBy = StatisticsGroupBy.Month,
        });
        Assert.Equal(["2026-06", "2026-07"], byMonth.Rows.Select(r => r.Key));
        Assert.Equal([1, 9], byMonth.Rows.Select(r => r.Received));
        Assert.Equal(10, byMonth.Total.Received);

        var quarter = await Statistics(Integrator).GetDossierStatisticsAsync(new GetDossierStatisticsRequest
        {
            Year = 2026, Quarter = 3, GroupBy = StatisticsGroupBy.Unit, ProcedureCode = QualityProcedure,
        });
        Assert.Equal(5, quarter.Total.Received);
        Assert.Equal(DateTimeOffset.Parse("2026-06-30T17:00:00Z"), quarter.PeriodStart.ToDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-09-30T17:00:00Z"), quarter.PeriodEnd.ToDateTimeOffset());

        // The first day of July alone has none.
        var empty = await Statistics(TestIdentity.Administrator).GetDossierStatisticsAsync(new GetDossierStatisticsRequest
        {
            FromDate = "2026-07-01", ToDate = "2026-07-01", GroupBy = StatisticsGroupBy.Unit,
        });
        Assert.Empty(empty.Rows);
        Assert.Equal(0, empty.Total.Received);
    }

    [Fact]
    public async Task An_official_counts_the_unit_subtree_only_and_other_units_are_refused()
    {
        await SeedAsync();
        var officer = ProcessingOfficer(TechnologyUnit);

        var own = await Statistics(officer).GetDossierStatisticsAsync(July(StatisticsGroupBy.Unit));
        // B1 and B3 were handed to the unit; B2 never left the desk.
        Assert.Equal(2, own.Total.Received);
        Assert.Equal(1, own.Total.Stopped);

        var denied = await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => Statistics(officer).GetDossierStatisticsAsync(July(StatisticsGroupBy.Unit, Agency)).ResponseAsync);
        Assert.Contains(Agency, denied.Message);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => Statistics(TestIdentity.Token(Roles.Leadership, Agency, Agency)).GetDossierStatisticsAsync(July(StatisticsGroupBy.Unit, OtherAgency)).ResponseAsync);
    }

    [Fact]
    public async Task Bad_requests_name_every_field()
    {
        var client = Statistics(TestIdentity.Administrator);
        await RpcAssert.InvalidFields(() => client.GetDossierStatisticsAsync(new GetDossierStatisticsRequest { Year = 2026, Month = 13 }).ResponseAsync,
            "month", "group_by");
        await RpcAssert.InvalidFields(() => client.GetDossierStatisticsAsync(new GetDossierStatisticsRequest
        {
            FromDate = "2026-07-31", ToDate = "2026-07-01", GroupBy = StatisticsGroupBy.Unit, ProcedureCode = "abc",
        }).ResponseAsync, "to_date", "procedure_code");
        await RpcAssert.InvalidFields(() => client.GetDossierStatisticsAsync(new GetDossierStatisticsRequest
        {
            Year = 2026, FromDate = "1/7/2026", GroupBy = StatisticsGroupBy.Unit,
        }).ResponseAsync, "year", "from_date", "to_date");
    }
}
