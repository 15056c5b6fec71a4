using System.Net.Http.Json;
using Cchc.Indexes.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;
using static Cchc.Indexes.Tests.DemoDossierFeed;

namespace Cchc.Indexes.Tests;

/// <summary>
/// The demo month, March 2026, of the receiving unit QT.SKHCN.TN (agency QT.SKHCN, province QT),
/// computed by hand. Legal deadlines are ten days after receipt unless said otherwise.
///
/// | dossier | channel | end | supplements | paid | result | papers tot/dig/reu | rating | on time? |
/// | D01 | online (received 01/03 00:30 +07, i.e. 28/02 UTC) | finished 05/03 | 0 | online | electronic | 2/2/1 | satisfied | yes |
/// | D02 | online | finished 06/03 | 0 | offline | electronic | 2/2/0 | satisfied | yes |
/// | D03 | in person | finished 20/03 > due 12/03 | 0 | — | paper | 1/0/0 | dissatisfied | LATE |
/// | D04 | in person | finished 08/03 | 2 (06/03, 07/03) | online | electronic | 3/3/3 | — | LATE (2 requests) |
/// | D05 | online | in progress, due 10/04 | 0 | — | — | 1/1/1 | — | yes (judged 01/04) |
/// | D06 | post | awaiting supplement asked 10/03, due 15/03 | 1 | — | — | 1/0/0 | — | yes (judged at the request) |
/// | D07 | in person | finished 09/03 | 0 | offline | paper | 2/1/0 | satisfied | yes |
/// | D08 | online | finished 10/03 | 0 | online | electronic | 1/1/1 | dissatisfied | yes |
/// | D09 | in person | in progress, due 20/03 | 0 | — | — | 1/1/0 | — | LATE (judged 01/04) |
/// | D10 | in person | finished 12/03 | 0 | — | electronic | 0/0/0 | satisfied | yes |
/// Not counted for the unit in March: D11 (agency QT.STP), D12 (received in April), D13 (submitted online, never received).
///
/// n = 10, late = 3 (D03, D04, D09), dissatisfied = 2 (D03, D08).
/// 2.1  R = 7/10 = 0.7                       → 20·0.7 = 14.000, lost 6.000
/// 3.3  C = 4/10 (D01, D02, D05, D08) = 0.4  → min(6, 6·0.4/0.5) = 4.800, lost 1.200
/// 3.6  R = 3/5 (paid: D01, D02, D04, D07, D08; online D01, D04, D08) → 6·0.6 = 3.600, lost 2.400
/// 4.1  R = 5/7 (with a result: D01–D04, D07, D08, D10; electronic all but D03, D07) → 6·5/7 = 4.286, lost 1.714
/// 4.2  R = 6/10 (D01, D02, D04, D05, D08, D09; D07 has a paper result) → min(4, 4·0.6/0.8) = 3.000, lost 1.000
/// 4.3  R = 4/10 (D01, D04, D05, D08)         → min(2, 2·0.4/0.8) = 1.000, lost 1.000
/// 5.4  R = 1 − (3/10 + 2/10) = 0.5           → min(6, 6·0.5/0.9) = 3.333, lost 2.667 (numerator shown: 6 neither late nor
///      dissatisfied; D03, both, counts in both shares, so R is not 6/10)
/// Computed total 34.019 of 50; lost 15.981.
/// </summary>
public sealed class ServiceIndexTests(ServiceIndexFixture fixture) : IClassFixture<ServiceIndexFixture>
{
    private const string Unit = "QT.SKHCN.TN";
    private const string Agency = "QT.SKHCN";

    public static IReadOnlyList<Cchc.Dossiers.V1.DossierChange> DemoChanges() => new DemoDossierFeed()
        .Add(new Script("D01", Agency, Unit, 2, Vn(3, 1, 0, 30), Vn(3, 11)) { PapersTotal = 2, PapersDigitised = 2, PapersReused = 1, FinishedAt = Vn(3, 5), ResultElectronic = true, PaidOnline = true, Satisfied = true })
        .Add(new Script("D02", Agency, Unit, 2, Vn(3, 2), Vn(3, 12)) { PapersTotal = 2, PapersDigitised = 2, FinishedAt = Vn(3, 6), ResultElectronic = true, PaidOnline = false, Satisfied = true })
        .Add(new Script("D03", Agency, Unit, 1, Vn(3, 2), Vn(3, 12)) { FinishedAt = Vn(3, 20), Satisfied = false })
        .Add(new Script("D04", Agency, Unit, 1, Vn(3, 3), Vn(3, 13)) { PapersTotal = 3, PapersDigitised = 3, PapersReused = 3, SupplementRequests = [Vn(3, 6), Vn(3, 7)], FinishedAt = Vn(3, 8), ResultElectronic = true, PaidOnline = true })
        .Add(new Script("D05", Agency, Unit, 2, Vn(3, 28), Vn(4, 10)) { PapersDigitised = 1, PapersReused = 1 })
        .Add(new Script("D06", Agency, Unit, 3, Vn(3, 5), Vn(3, 15)) { SupplementRequests = [Vn(3, 10)], StillAwaitingSupplement = true })
        .Add(new Script("D07", Agency, Unit, 1, Vn(3, 4), Vn(3, 14)) { PapersTotal = 2, PapersDigitised = 1, FinishedAt = Vn(3, 9), PaidOnline = false, Satisfied = true })
        .Add(new Script("D08", Agency, Unit, 2, Vn(3, 4), Vn(3, 14)) { PapersDigitised = 1, PapersReused = 1, FinishedAt = Vn(3, 10), ResultElectronic = true, PaidOnline = true, Satisfied = false })
        .Add(new Script("D09", Agency, Unit, 1, Vn(3, 10), Vn(3, 20)) { PapersDigitised = 1 })
        .Add(new Script("D10", Agency, Unit, 1, Vn(3, 9), Vn(3, 19)) { PapersTotal = 0, FinishedAt = Vn(3, 12), ResultElectronic = true, Satisfied = true })
        .Add(new Script("D11", "QT.STP", "QT.STP.TN", 2, Vn(3, 3), Vn(3, 13)) { PapersDigitised = 1, PapersReused = 1, FinishedAt = Vn(3, 6), ResultElectronic = true, PaidOnline = true, Satisfied = true })
        .Add(new Script("D12", Agency, Unit, 1, Vn(4, 2), Vn(4, 12)) { FinishedAt = Vn(4, 20) })
        .Add(new Script("D13", Agency, Unit, 2, Vn(3, 20), Vn(3, 30)) { OnlySubmitted = true })
        .Changes();

    /// <summary>The hand-computed table above: code → (numerator, denominator, ratio, points, lost).</summary>
    private static readonly Dictionary<string, (long Num, long Den, string Ratio, string Points, string Lost)> DemoMonth = new()
    {
        ["2.1"] = (7, 10, "0.7000", "14.000", "6.000"),
        ["3.3"] = (4, 10, "0.4000", "4.800", "1.200"),
        ["3.6"] = (3, 5, "0.6000", "3.600", "2.400"),
        ["4.1"] = (5, 7, "0.7143", "4.286", "1.714"),
        ["4.2"] = (6, 10, "0.6000", "3.000", "1.000"),
        ["4.3"] = (4, 10, "0.4000", "1.000", "1.000"),
        ["5.4"] = (6, 10, "0.5000", "3.333", "2.667"),
    };

    private ServiceIndexService.ServiceIndexServiceClient Client(string? token = null) =>
        new(fixture.CreateChannel(token ?? TestIdentity.Token(Roles.Leadership)));

    private Task<GetServiceIndexResponse> GetAsync(ScopeKind scope, string code, PeriodKind kind, string period) =>
        Client().GetServiceIndexAsync(new GetServiceIndexRequest { ScopeKind = scope, ScopeCode = code, PeriodKind = kind, Period = period }).ResponseAsync;

    private async Task EnsureDemoTakenInAsync()
    {
        // Every test takes the whole demo feed in; the facts make that idempotent, which is itself under test.
        foreach (var page in DemoChanges().Chunk(7))
        {
            await fixture.TakeInAsync(page);
        }
    }

    private static void AssertDemoMonth(GetServiceIndexResponse index)
    {
        Assert.Equal(10, index.DossiersReceived);
        foreach (var (code, expected) in DemoMonth)
        {
            var indicator = index.Indicators.Single(i => i.Code == code);
            Assert.Equal((IndicatorSource.Computed, expected.Num, expected.Den, expected.Ratio, expected.Points, expected.Lost),
                (indicator.Source, indicator.Numerator, indicator.Denominator, indicator.Ratio, indicator.Points, indicator.LostPoints));
        }
        Assert.Equal("34.019", index.TotalPoints);
        Assert.Equal("15.981", index.ComputedLostPoints);
        Assert.Equal("100.000", index.MaxTotal);
    }

    [Theory]
    [InlineData("UNIT/QT.SKHCN.TN/MONTH/2026-03")]
    [InlineData("unit/QT.SKHCN.TN/month/2026-03")]
    [InlineData("SCOPE_KIND_UNIT/QT.SKHCN.TN/PERIOD_KIND_MONTH/2026-03")]
    public async Task Over_REST_the_scope_and_period_kinds_are_accepted_as_the_README_writes_them(string path)
    {
        await EnsureDemoTakenInAsync();
        using var http = fixture.CreateRestClient(TestIdentity.Token(Roles.Leadership));

        var index = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/indexes/v1/service-index/{path}");
        var refused = await http.GetAsync("/indexes/v1/service-index/DEPARTMENT/QT.SKHCN/MONTH/2026-03");

        Assert.Equal(10, index.GetProperty("dossiersReceived").GetInt32());
        Assert.Equal("34.019", index.GetProperty("totalPoints").GetString());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task The_demo_month_matches_the_hand_computed_table()
    {
        await EnsureDemoTakenInAsync();

        var index = await GetAsync(ScopeKind.Unit, Unit, PeriodKind.Month, "2026-03");

        AssertDemoMonth(index);
        var onTime = index.Indicators.Single(i => i.Code == "2.1");
        Assert.Equal(("Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", "20.000", ""), (onTime.Name, onTime.MaxPoints, onTime.Threshold));
        Assert.Equal("0.50", index.Indicators.Single(i => i.Code == "3.3").Threshold);
        Assert.Equal(21, index.Indicators.Count);
        Assert.Equal(14, index.ManualMissing);
        Assert.All(index.Indicators.Where(i => i.Source == IndicatorSource.Manual), i => Assert.Equal(("", false), (i.Points, i.Entered)));
        Assert.Equal(DemoChanges().Count, index.AsOfSequence);
    }

    [Fact]
    public async Task Replaying_pages_and_restarting_Indexes_counts_no_event_twice()
    {
        var changes = DemoChanges();
        await EnsureDemoTakenInAsync();
        var before = await GetAsync(ScopeKind.Unit, Unit, PeriodKind.Month, "2026-03");

        // The same page twice, then a restart of Indexes that reads the whole feed again from an old cursor.
        await fixture.TakeInAsync(changes.Take(20).ToList());
        await fixture.TakeInAsync(changes.Take(20).ToList());
        await using (var restarted = fixture.StartInstance())
        {
            foreach (var page in changes.Chunk(11))
            {
                await fixture.TakeInAsync(page, restarted);
            }
        }
        var after = await GetAsync(ScopeKind.Unit, Unit, PeriodKind.Month, "2026-03");

        AssertDemoMonth(after);
        Assert.Equal(before.ToString(), after.ToString());
    }

    [Fact]
    public async Task Unit_agency_and_province_roll_up_by_month_quarter_and_year()
    {
        await EnsureDemoTakenInAsync();

        // The agency's only receiving unit is QT.SKHCN.TN: the same figures.
        AssertDemoMonth(await GetAsync(ScopeKind.Agency, Agency, PeriodKind.Month, "2026-03"));
        // Q1 holds only March's dossiers.
        AssertDemoMonth(await GetAsync(ScopeKind.Unit, Unit, PeriodKind.Quarter, "2026-Q1"));

        // QT.STP's one dossier, D11, meets every indicator: full marks.
        var otherAgency = await Client(TestIdentity.Administrator).GetServiceIndexAsync(new GetServiceIndexRequest
        {
            ScopeKind = ScopeKind.Agency, ScopeCode = "QT.STP", PeriodKind = PeriodKind.Month, Period = "2026-03",
        });
        Assert.Equal(1, otherAgency.DossiersReceived);
        Assert.All(otherAgency.Indicators.Where(i => i.Source == IndicatorSource.Computed), i => Assert.Equal((i.MaxPoints, "0.000"), (i.Points, i.LostPoints)));

        // Province QT in March: D01–D11, late 3 of 11 → 20·8/11 = 14.545; online 5/11 → 6·(5/11)/0.5 = 5.455.
        var province = await GetAsync(ScopeKind.Province, "QT", PeriodKind.Month, "2026-03");
        Assert.Equal(11, province.DossiersReceived);
        Assert.Equal(("14.545", "5.455"), (province.Indicators.Single(i => i.Code == "2.1").Points, province.Indicators.Single(i => i.Code == "3.3").Points));

        // The year 2026 for the agency, judged now (15/06): D01–D10 and D12; D05, due 10/04 and still
        // in progress, is late now; D12 finished late. Late 5 of 11 → 20·6/11 = 10.909.
        var year = await GetAsync(ScopeKind.Agency, Agency, PeriodKind.Year, "2026");
        Assert.Equal(11, year.DossiersReceived);
        Assert.Equal((6L, 11L, "10.909"), (year.Indicators.Single(i => i.Code == "2.1").Numerator, year.Indicators.Single(i => i.Code == "2.1").Denominator,
            year.Indicators.Single(i => i.Code == "2.1").Points));
        var secondQuarter = await GetAsync(ScopeKind.Unit, Unit, PeriodKind.Quarter, "2026-Q2");
        Assert.Equal((1L, "0.000"), (secondQuarter.DossiersReceived, secondQuarter.Indicators.Single(i => i.Code == "2.1").Points));
        // February holds nothing: D01 was received on 28/02 UTC but 01/03 in Vietnam.
        Assert.Equal(0, (await GetAsync(ScopeKind.Unit, Unit, PeriodKind.Month, "2026-02")).DossiersReceived);
    }

    [Fact]
    public async Task Losing_dossiers_name_exactly_those_that_lost_points()
    {
        await EnsureDemoTakenInAsync();
        async Task<List<(string, string)>> Losing(string indicator, string scope = Unit, int pageSize = 0, string token = "")
        {
            var response = await Client().ListLosingDossiersAsync(new ListLosingDossiersRequest
            {
                ScopeKind = ScopeKind.Unit, ScopeCode = scope, PeriodKind = PeriodKind.Month, Period = "2026-03", IndicatorCode = indicator, PageSize = pageSize, PageToken = token,
            });
            return response.Dossiers.Select(d => (d.DossierCode, d.Reason)).ToList();
        }

        Assert.Equal([("D03", "Quá hạn"), ("D04", "Yêu cầu bổ sung quá 1 lần"), ("D09", "Quá hạn")], await Losing("2.1"));
        Assert.Equal([("D03", "Quá hạn; không hài lòng"), ("D04", "Quá hạn"), ("D08", "Không hài lòng"), ("D09", "Quá hạn")], await Losing("5.4"));
        Assert.Equal(new[] { "D02", "D07" }, (await Losing("3.6")).Select(d => d.Item1));
        Assert.Equal(new[] { "D03", "D07" }, (await Losing("4.1")).Select(d => d.Item1));
        Assert.Equal(new[] { "D03", "D04", "D06", "D07", "D09", "D10" }, (await Losing("3.3")).Select(d => d.Item1));

        // Paged by dossier code.
        var first = await Client().ListLosingDossiersAsync(new ListLosingDossiersRequest
        {
            ScopeKind = ScopeKind.Unit, ScopeCode = Unit, PeriodKind = PeriodKind.Month, Period = "2026-03", IndicatorCode = "2.1", PageSize = 2,
        });
        Assert.Equal(new[] { "D03", "D04" }, first.Dossiers.Select(d => d.DossierCode));
        Assert.Equal([("D09", "Quá hạn")], await Losing("2.1", pageSize: 2, token: first.NextPageToken));
        // At full marks nobody lost anything.
        var full = await Client(TestIdentity.Administrator).ListLosingDossiersAsync(new ListLosingDossiersRequest
        {
            ScopeKind = ScopeKind.Agency, ScopeCode = "QT.STP", PeriodKind = PeriodKind.Month, Period = "2026-03", IndicatorCode = "2.1",
        });
        Assert.Equal(("0.000", 0), (full.LostPoints, full.Dossiers.Count));
    }

    [Fact]
    public async Task Another_agencys_figures_are_NOT_FOUND_and_a_province_lists_only_the_callers_own_dossiers()
    {
        await EnsureDemoTakenInAsync();
        var ownLeadership = Client();
        var otherLeadership = Client(TestIdentity.Token(Roles.Leadership, "QT.STP.BGD", "QT.STP"));
        var integrator = Client(TestIdentity.Token(Roles.Integrator));
        GetServiceIndexRequest Index(ScopeKind scope, string code) => new() { ScopeKind = scope, ScopeCode = code, PeriodKind = PeriodKind.Month, Period = "2026-03" };
        ListLosingDossiersRequest Losing(ScopeKind scope, string code) => new()
        {
            ScopeKind = scope, ScopeCode = code, PeriodKind = PeriodKind.Month, Period = "2026-03", IndicatorCode = "2.1",
        };

        await RpcAssert.FailsWith(StatusCode.NotFound, () => otherLeadership.GetServiceIndexAsync(Index(ScopeKind.Agency, Agency)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => otherLeadership.GetServiceIndexAsync(Index(ScopeKind.Unit, Unit)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => otherLeadership.ListLosingDossiersAsync(Losing(ScopeKind.Unit, Unit)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => integrator.GetServiceIndexAsync(Index(ScopeKind.Agency, Agency)).ResponseAsync);
        // A unit-scoped official reads the figures of their own agency.
        var deskView = await Client(TestIdentity.Token(Roles.DeskOfficer, "QT.SKHCN.VP", Agency)).GetServiceIndexAsync(Index(ScopeKind.Agency, Agency));
        // The province: the same aggregate for everyone, its dossiers only for their own agency.
        var byAdministrator = await Client(TestIdentity.Administrator).ListLosingDossiersAsync(Losing(ScopeKind.Province, "QT"));
        var byOwnAgency = await ownLeadership.ListLosingDossiersAsync(Losing(ScopeKind.Province, "QT"));
        var byOtherAgency = await otherLeadership.ListLosingDossiersAsync(Losing(ScopeKind.Province, "QT"));
        var byIntegrator = await integrator.ListLosingDossiersAsync(Losing(ScopeKind.Province, "QT"));
        var provinceToOther = await otherLeadership.GetServiceIndexAsync(Index(ScopeKind.Province, "QT"));

        Assert.Equal(10, deskView.DossiersReceived);
        Assert.Equal(["D03", "D04", "D09"], byAdministrator.Dossiers.Select(d => d.DossierCode));
        Assert.Equal(["D03", "D04", "D09"], byOwnAgency.Dossiers.Select(d => d.DossierCode));
        Assert.Empty(byOtherAgency.Dossiers);
        Assert.Empty(byIntegrator.Dossiers);
        Assert.Equal(byAdministrator.LostPoints, byOtherAgency.LostPoints);
        Assert.Equal(11, provinceToOther.DossiersReceived);
    }

    [Fact]
    public async Task Manual_indicators_are_entered_by_the_follow_up_office_and_marked_manual()
    {
        await EnsureDemoTakenInAsync();
        var office = Client(TestIdentity.Token(Roles.FollowUpOffice));

        var set = await office.SetManualIndicatorAsync(new SetManualIndicatorRequest
        {
            ScopeKind = ScopeKind.Unit, ScopeCode = Unit, PeriodKind = PeriodKind.Month, Period = "2026-03", IndicatorCode = "3.1", Ratio = "0.6", Note = "Cổng DVCQG, 05/04/2026",
        });
        // 3.1: min(2, 2·0.6/0.8) = 1.500.
        Assert.Equal((IndicatorSource.Manual, "1.500", true), (set.Indicator.Source, set.Indicator.Points, set.Indicator.Entered));

        var index = await GetAsync(ScopeKind.Unit, Unit, PeriodKind.Month, "2026-03");
        var entered = index.Indicators.Single(i => i.Code == "3.1");
        Assert.Equal(("0.6000", "1.500", "0.500", "Cổng DVCQG, 05/04/2026"), (entered.Ratio, entered.Points, entered.LostPoints, entered.Note));
        Assert.Equal(("35.519", 13), (index.TotalPoints, index.ManualMissing));

        await RpcAssert.InvalidFields(() => office.SetManualIndicatorAsync(new SetManualIndicatorRequest
        {
            ScopeKind = ScopeKind.Unit, ScopeCode = Unit, PeriodKind = PeriodKind.Month, Period = "2026-13", IndicatorCode = "2.1", Ratio = "1.2",
        }).ResponseAsync, "period", "indicator_code", "ratio");
        await RpcAssert.InvalidFields(() => Client().ListLosingDossiersAsync(new ListLosingDossiersRequest()).ResponseAsync,
            "scope_kind", "scope_code", "period_kind", "indicator_code");
        await RpcAssert.InvalidFields(() => Client().ListLosingDossiersAsync(new ListLosingDossiersRequest
        {
            ScopeKind = ScopeKind.Unit, ScopeCode = Unit, PeriodKind = PeriodKind.Quarter, Period = "2026-03", IndicatorCode = "1.1",
        }).ResponseAsync, "period", "indicator_code");
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client(TestIdentity.Token(Roles.UnitHead)).SetManualIndicatorAsync(new SetManualIndicatorRequest
        {
            ScopeKind = ScopeKind.Unit, ScopeCode = Unit, PeriodKind = PeriodKind.Month, Period = "2026-03", IndicatorCode = "3.1", Ratio = "1",
        }).ResponseAsync);
        // Another agency's unit, or the whole province, is not the department's office's to enter.
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => office.SetManualIndicatorAsync(new SetManualIndicatorRequest
        {
            ScopeKind = ScopeKind.Unit, ScopeCode = "QT.STP.TN", PeriodKind = PeriodKind.Month, Period = "2026-03", IndicatorCode = "3.1", Ratio = "1",
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => office.SetManualIndicatorAsync(new SetManualIndicatorRequest
        {
            ScopeKind = ScopeKind.Province, ScopeCode = "QT", PeriodKind = PeriodKind.Month, Period = "2026-03", IndicatorCode = "3.1", Ratio = "1",
        }).ResponseAsync);
    }
}
