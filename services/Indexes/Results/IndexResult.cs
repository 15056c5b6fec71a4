namespace Cchc.Indexes.Results;

/// <summary>One subject's published result in one index for one year.</summary>
public sealed class IndexResult
{
    public long Id { get; init; }
    public required string FrameworkCode { get; init; }
    public int FrameworkVersion { get; set; }
    public int Year { get; init; }
    public required string SubjectCode { get; init; }
    /// <summary>Null where only the rank was published (e.g. the 35-CT/TU footnote gives ranks only).</summary>
    public decimal? Total { get; set; }
    public int? Rank { get; set; }
    public int? RankedCount { get; set; }
    public string Source { get; set; } = "";
    /// <summary>From a secondary source only: shown, but flagged.</summary>
    public bool Unconfirmed { get; set; }
    public int Revision { get; set; } = 1;
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public List<ComponentScore> Components { get; init; } = [];
}

public sealed class ComponentScore
{
    public long ResultId { get; init; }
    public required string ComponentCode { get; init; }
    public decimal Score { get; set; }
}

/// <summary>What a result was before it was corrected; corrections never lose the published history.</summary>
public sealed class IndexResultRevision
{
    public long Id { get; init; }
    public long ResultId { get; init; }
    public int Revision { get; init; }
    public required string SnapshotJson { get; init; }
    public DateTimeOffset ReplacedAt { get; init; }
    public string ReplacedBy { get; init; } = "";
}
