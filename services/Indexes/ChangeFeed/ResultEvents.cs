using System.Globalization;
using System.Text.Json.Nodes;
using Cchc.Indexes.Frameworks;
using Cchc.Indexes.Results;
using Cchc.Indexes.Subjects;

namespace Cchc.Indexes.ChangeFeed;

/// <summary>A fall in rank against the subject's previous ranked year among the same number of ranked subjects.</summary>
public sealed record RankFall(int PreviousYear, int PreviousRank, int PreviousRankedCount, int Rank, int RankedCount, int PlacesLost);

/// <summary>
/// The events of a recorded (or corrected) result. Payload keys are snake_case and carry every
/// placeholder of Notifications' <c>index.rank_fell</c> templates, already worded in Vietnamese
/// ("Chỉ số PAPI", "tỉnh Quảng Trị"), so a consumer renders without calling back.
/// </summary>
public static class ResultEvents
{
    public static IReadOnlyList<PendingIndexEvent> For(IndexFramework framework, Subject subject, IndexResult result, RankFall? fall)
    {
        var key = $"{result.FrameworkCode}/{result.Year}/{result.SubjectCode}";
        var events = new List<PendingIndexEvent> { new(IndexEventTypes.ResultRecorded, key, result.RecordedAt, Payload(framework, subject, result)) };
        if (fall is not null)
        {
            var payload = Payload(framework, subject, result);
            payload["rank_drop"] = fall.PlacesLost;
            payload["previous_year"] = fall.PreviousYear;
            payload["previous_rank"] = fall.PreviousRank;
            payload["previous_ranked_count"] = fall.PreviousRankedCount;
            events.Add(new PendingIndexEvent(IndexEventTypes.RankFell, key, result.RecordedAt, payload));
        }
        return events;
    }

    private static JsonObject Payload(IndexFramework framework, Subject subject, IndexResult result) => new()
    {
        ["index_code"] = framework.Code,
        ["index_name"] = IndexName(framework),
        ["year"] = result.Year,
        ["subject_code"] = subject.Code,
        ["subject_name"] = SubjectName(subject),
        ["agency_code"] = subject.AgencyCode ?? "",
        ["total"] = result.Total?.ToString("0.###", CultureInfo.InvariantCulture) ?? "",
        ["rank"] = result.Rank ?? 0,
        ["ranked_count"] = result.RankedCount ?? 0,
        ["revision"] = result.Revision,
        ["unconfirmed"] = result.Unconfirmed,
    };

    /// <summary>The short name a sentence uses: "Chỉ số PAPI", "Chỉ số PAR INDEX".</summary>
    public static string IndexName(IndexFramework framework) => framework.Code switch
    {
        "PAR_INDEX" => "Chỉ số PAR INDEX",
        "SIPAS" => "Chỉ số SIPAS",
        "PAPI" => "Chỉ số PAPI",
        "PCI" => "Chỉ số PCI",
        _ => framework.Name,
    };

    /// <summary>The subject as a sentence names it: "tỉnh Quảng Trị", "thành phố Hà Nội".</summary>
    public static string SubjectName(Subject subject) => subject.Kind switch
    {
        SubjectKind.Province => $"tỉnh {subject.Name}",
        SubjectKind.City => subject.Name.StartsWith("Thành phố ", StringComparison.Ordinal) ? "t" + subject.Name[1..] : $"thành phố {subject.Name}",
        _ => subject.Name,
    };
}
