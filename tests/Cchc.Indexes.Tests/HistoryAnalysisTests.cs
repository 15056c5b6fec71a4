using Cchc.Indexes.Results;

namespace Cchc.Indexes.Tests;

public sealed class HistoryAnalysisTests
{
    private static HistoryInput Point(int year, int? rank, int? count = 63, decimal? total = null, string subject = "A") =>
        new(year, subject, false, total, rank, count, []);

    [Fact]
    public void A_higher_rank_number_than_the_previous_ranked_year_is_a_fall()
    {
        var points = HistoryAnalysis.Analyse([Point(2020, 41), Point(2021, 41), Point(2022, 59)], new Dictionary<int, decimal>());

        Assert.Equal([false, false, true], points.Select(p => p.RankFell));
        Assert.Equal(18, points[2].PlacesLost);
    }

    [Fact]
    public void A_gap_year_still_compares_ranks_but_not_totals()
    {
        var points = HistoryAnalysis.Analyse([Point(2020, 10, total: 60), Point(2022, 12, total: 62)], new Dictionary<int, decimal>());

        Assert.Equal(2, points[1].PlacesLost);
        Assert.Null(points[1].TotalChange);
    }

    [Fact]
    public void Ranks_among_a_different_number_of_subjects_are_not_compared()
    {
        var points = HistoryAnalysis.Analyse([Point(2024, 5, 63), Point(2025, 20, 34)], new Dictionary<int, decimal>());

        Assert.Null(points[1].PlacesLost);
        Assert.False(points[1].RankFell);
    }

    [Fact]
    public void The_weakest_components_are_those_furthest_below_their_maximum()
    {
        var input = new HistoryInput(2024, "A", false, 60, 1, 63, [("S3", 10m, 20m), ("S1", 4m, 5m), ("S9", 6m, 20m), ("S5", 9m, 10m), ("X", 1m, null)]);

        var point = HistoryAnalysis.Analyse([input], new Dictionary<int, decimal> { [2024] = 58.5m }).Single();

        Assert.Equal(["S9", "S3", "S1"], point.WeakestComponents);
        Assert.Equal(1.5m, point.DifferenceToNational);
    }
}
