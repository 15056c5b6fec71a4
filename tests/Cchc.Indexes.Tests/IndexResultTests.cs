using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Indexes.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;

namespace Cchc.Indexes.Tests;

public sealed class IndexResultTests(IndexesFixture fixture) : IClassFixture<IndexesFixture>
{
    private readonly IndexResultService.IndexResultServiceClient _client = new(fixture.CreateChannel());

    [Fact]
    public async Task Quang_Tri_falls_in_PAPI_SIPAS_and_PCI_show_at_a_glance_as_in_the_footnote_of_35_CT_TU()
    {
        var papi = await _client.GetSubjectHistoryAsync(new GetSubjectHistoryRequest { SubjectCode = "QUANG_TRI", FrameworkCode = "PAPI" });
        var sipas = await _client.GetSubjectHistoryAsync(new GetSubjectHistoryRequest { SubjectCode = "QUANG_TRI", FrameworkCode = "SIPAS" });
        var pci = await _client.GetSubjectHistoryAsync(new GetSubjectHistoryRequest { SubjectCode = "QUANG_TRI", FrameworkCode = "PCI" });

        Assert.Equal([(2020, 6), (2021, 28), (2022, 37)], papi.Points.Select(p => (p.Year, p.Rank)));
        Assert.Equal([0, 22, 9], papi.Points.Select(p => p.PlacesLost));
        Assert.Equal([2021, 2022], papi.YearsRankFell);
        Assert.Equal([2021, 2022], sipas.YearsRankFell);
        Assert.Equal([2022], pci.YearsRankFell);
        Assert.All(papi.Points, p => Assert.Contains("35-CT/TU", p.Source));
    }

    [Fact]
    public async Task The_follow_up_office_records_only_results_of_a_subject_its_own_agency_answers_for()
    {
        IndexResultService.IndexResultServiceClient As(string agency) =>
            new(fixture.CreateChannel(TestIdentity.Token(Roles.FollowUpOffice, $"{agency}.VP", agency)));
        static RecordResultRequest Result(string subject) => new() { Result = new IndexResult
        {
            FrameworkCode = "PAR_INDEX", Year = 2005, SubjectCode = subject, Source = "Dữ liệu thử nghiệm",
        } };

        // Quảng Trị's ranks are answered for by agency QT: a department's office (QT.SKHCN) may not record them,
        // nor anyone's but an administrator's for a subject without a known agency (Hà Tĩnh).
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => As("QT.SKHCN").RecordResultAsync(Result("QUANG_TRI")).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => As("HT").RecordResultAsync(Result("HA_TINH")).ResponseAsync);
        var recorded = await As("QT").RecordResultAsync(Result("QUANG_TRI"));

        Assert.Equal("QUANG_TRI", recorded.Result.SubjectCode);
    }

    [Fact]
    public async Task The_merged_Quang_Tri_keeps_its_predecessors_history_marked_as_before_the_merger()
    {
        await _client.RecordResultAsync(new RecordResultRequest { Result = new IndexResult
        {
            FrameworkCode = "PCI", Year = 2022, SubjectCode = "QUANG_BINH", Rank = 30, RankedCount = 63, Source = "Dữ liệu thử nghiệm",
        } });

        var history = await _client.GetSubjectHistoryAsync(new GetSubjectHistoryRequest { SubjectCode = "QUANG_TRI_2025", FrameworkCode = "PCI" });

        Assert.Equal(["QUANG_BINH", "QUANG_TRI"], history.Subject.PredecessorCodes);
        Assert.Contains(history.Points, p => p.SubjectCode == "QUANG_TRI" && p.Year == 2022 && p.Rank == 59 && p.BeforeMerger);
        Assert.Contains(history.Points, p => p.SubjectCode == "QUANG_BINH" && p.Year == 2022 && p.BeforeMerger);
    }

    [Fact]
    public async Task A_rank_is_compared_only_among_the_same_number_of_ranked_provinces()
    {
        var fell = await _client.RecordResultAsync(new RecordResultRequest { Result = new IndexResult
        {
            FrameworkCode = "PAPI", Year = 2023, SubjectCode = "QUANG_TRI", Rank = 40, RankedCount = 63, Source = "Dữ liệu thử nghiệm",
        } });
        var merged = await _client.RecordResultAsync(new RecordResultRequest { Result = new IndexResult
        {
            FrameworkCode = "PAPI", Year = 2025, SubjectCode = "QUANG_TRI_2025", Rank = 20, RankedCount = 34, Source = "Dữ liệu thử nghiệm",
        } });

        Assert.Equal((2022, 37, 40, 3), (fell.RankChange.PreviousYear, fell.RankChange.PreviousRank, fell.RankChange.Rank, fell.RankChange.PlacesLost));
        Assert.Null(merged.RankChange);
    }

    [Fact]
    public async Task A_correction_keeps_the_replaced_figures_as_a_revision()
    {
        var first = await _client.RecordResultAsync(new RecordResultRequest { Result = new IndexResult
        {
            FrameworkCode = "SIPAS", Year = 2024, SubjectCode = "HA_TINH", Total = "81.5", Rank = 40, RankedCount = 63, Source = "Lần 1",
        } });
        var corrected = await _client.RecordResultAsync(new RecordResultRequest { Result = new IndexResult
        {
            FrameworkCode = "SIPAS", Year = 2024, SubjectCode = "HA_TINH", Total = "82.5", Rank = 35, RankedCount = 63, Source = "Lần 2 (đính chính)",
        } });

        var revisions = await fixture.CountRevisionsAsync("HA_TINH");

        Assert.Equal((1, 2), (first.Result.Revision, corrected.Result.Revision));
        Assert.Equal("82.5", corrected.Result.Total);
        Assert.Equal(1, revisions);
    }

    [Fact]
    public async Task Results_and_components_are_checked_against_the_framework_and_the_subject()
    {
        await RpcAssert.InvalidFields(() => _client.RecordResultAsync(new RecordResultRequest { Result = new IndexResult
        {
            FrameworkCode = "PAPI", Year = 2023, SubjectCode = "QUANG_TRI", Total = "95", Rank = 70, RankedCount = 63, Source = "x",
            Components = { new ComponentScore { ComponentCode = "D1", Score = "11" }, new ComponentScore { ComponentCode = "Z9", Score = "1" } },
        } }).ResponseAsync, "result.rank", "result.total", "result.components[0].score", "result.components[1].component_code");

        await RpcAssert.InvalidFields(() => _client.RecordResultAsync(new RecordResultRequest { Result = new IndexResult
        {
            FrameworkCode = "PAPI", Year = 2026, SubjectCode = "QUANG_BINH", Rank = 1, RankedCount = 34, Source = "x",
        } }).ResponseAsync, "result.subject_code");
    }

    [Fact]
    public async Task The_analysis_names_the_weakest_dimensions_and_the_gap_to_the_national_average()
    {
        var scores = new[] { ("D1", "5.2"), ("D2", "5.9"), ("D3", "4.1"), ("D4", "6.8"), ("D5", "7.2"), ("D6", "7.6"), ("D7", "3.4"), ("D8", "3.9") };
        await _client.RecordResultAsync(new RecordResultRequest { Result = new IndexResult { FrameworkCode = "PAPI", Year = 2024, SubjectCode = "VN", Total = "44.1", Source = "Bình quân thử nghiệm" } });
        var result = new IndexResult { FrameworkCode = "PAPI", Year = 2024, SubjectCode = "QUANG_TRI", Total = "44.1", Rank = 30, RankedCount = 63, Source = "Thử nghiệm" };
        result.Components.AddRange(scores.Select(s => new ComponentScore { ComponentCode = s.Item1, Score = s.Item2 }));
        result.Total = "44.1";
        await _client.RecordResultAsync(new RecordResultRequest { Result = result });

        var history = await _client.GetSubjectHistoryAsync(new GetSubjectHistoryRequest { SubjectCode = "QUANG_TRI", FrameworkCode = "PAPI" });
        var year = history.Points.Single(p => p.Year == 2024);

        Assert.Equal(["D7", "D8", "D3"], year.WeakestComponents);
        Assert.Equal("44.1", year.NationalAverage);
        Assert.Equal("0", year.DifferenceToNational);
    }

    [Fact]
    public async Task A_years_ranking_lists_the_best_first_and_national_averages_last()
    {
        var ranking = await _client.ListResultsAsync(new ListResultsRequest { FrameworkCode = "PAR_INDEX", Year = 2024 });

        Assert.Equal("HAI_PHONG", ranking.Results[0].SubjectCode);
        Assert.Equal("VN", ranking.Results[^1].SubjectCode);
        Assert.Contains(ranking.Results, r => r.SubjectCode == "LAM_DONG" && r.Unconfirmed);
    }

    [Fact]
    public async Task There_were_63_provinces_on_30_June_2025_and_34_from_1_July()
    {
        var before = await _client.ListSubjectsAsync(new ListSubjectsRequest { ValidOn = "2025-06-30" });
        var after = await _client.ListSubjectsAsync(new ListSubjectsRequest { ValidOn = "2025-07-01" });

        Assert.Equal(63, before.Subjects.Count(s => s.Kind is SubjectKind.Province or SubjectKind.City));
        Assert.Equal(34, after.Subjects.Count(s => s.Kind is SubjectKind.Province or SubjectKind.City));
    }

    [Fact]
    public async Task History_is_served_as_REST_and_unknown_subjects_are_not_found()
    {
        using var http = fixture.CreateRestClient();

        var body = await http.GetFromJsonAsync<JsonElement>("/indexes/v1/subjects/QUANG_TRI/history/SIPAS");

        Assert.Equal(3, body.GetProperty("points").GetArrayLength());
        await RpcAssert.FailsWith(StatusCode.NotFound, () => _client.GetSubjectHistoryAsync(new GetSubjectHistoryRequest { SubjectCode = "ATLANTIS", FrameworkCode = "PCI" }).ResponseAsync);
    }
}
