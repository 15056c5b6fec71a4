using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Indexes.Results;

/// <summary>Results as the contract gives them; decimals as text without trailing zeros ("88.37").</summary>
public static class ResultContracts
{
    public static V1.IndexResult ToContract(IndexResult r)
    {
        var result = new V1.IndexResult
        {
            FrameworkCode = r.FrameworkCode,
            FrameworkVersion = r.FrameworkVersion,
            Year = r.Year,
            SubjectCode = r.SubjectCode,
            Total = Format(r.Total),
            Rank = r.Rank ?? 0,
            RankedCount = r.RankedCount ?? 0,
            Source = r.Source,
            Unconfirmed = r.Unconfirmed,
            Revision = r.Revision,
            RecordTime = Timestamp.FromDateTimeOffset(r.RecordedAt),
        };
        result.Components.AddRange(r.Components.OrderBy(c => c.ComponentCode, StringComparer.Ordinal)
            .Select(c => new V1.ComponentScore { ComponentCode = c.ComponentCode, Score = Format(c.Score) }));
        return result;
    }

    public static string Format(decimal? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
