namespace Cchc.Indexes.Results;

/// <summary>One year of a subject's (or a predecessor's) result, with what the analysis needs.</summary>
public sealed record HistoryInput(int Year, string SubjectCode, bool BeforeMerger, decimal? Total, int? Rank, int? RankedCount,
    IReadOnlyList<(string Code, decimal Score, decimal? Max)> Components);

public sealed record HistoryPoint(HistoryInput Input, decimal? TotalChange, int? PlacesLost, bool RankFell,
    decimal? NationalAverage, decimal? DifferenceToNational, IReadOnlyList<string> WeakestComponents);

/// <summary>
/// Year-over-year reading of a series. A rank is compared only with the same subject's previous
/// ranked year among the same number of ranked subjects: "37/63" after "28/63" is a fall of 9
/// places, but a rank among 34 merged provinces is not comparable with one among 63.
/// </summary>
public static class HistoryAnalysis
{
    public const int WeakestCount = 3;

    public static IReadOnlyList<HistoryPoint> Analyse(IEnumerable<HistoryInput> inputs, IReadOnlyDictionary<int, decimal> nationalAverages)
    {
        var ordered = inputs.OrderBy(i => i.Year).ThenBy(i => i.SubjectCode, StringComparer.Ordinal).ToList();
        var result = new List<HistoryPoint>();
        foreach (var point in ordered)
        {
            var previous = ordered.LastOrDefault(p => p.SubjectCode == point.SubjectCode && p.Year < point.Year);
            var previousRanked = ordered.LastOrDefault(p => p.SubjectCode == point.SubjectCode && p.Year < point.Year
                && p.Rank is not null && p.RankedCount == point.RankedCount);
            decimal? totalChange = point.Total is { } t && previous?.Total is { } pt && previous.Year == point.Year - 1 ? t - pt : null;
            int? placesLost = point.Rank is { } r && previousRanked?.Rank is { } pr ? r - pr : null;
            decimal? national = nationalAverages.TryGetValue(point.Year, out var avg) ? avg : null;
            var weakest = point.Components
                .Where(c => c.Max is > 0)
                .OrderBy(c => c.Score / c.Max!.Value)
                .ThenBy(c => c.Code, StringComparer.Ordinal)
                .Take(WeakestCount)
                .Select(c => c.Code)
                .ToList();
            result.Add(new HistoryPoint(point, totalChange, placesLost, placesLost > 0, national,
                point.Total is { } total && national is { } n ? total - n : null, weakest));
        }
        return result;
    }
}
