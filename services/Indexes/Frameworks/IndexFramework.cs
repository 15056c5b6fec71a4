namespace Cchc.Indexes.Frameworks;

/// <summary>One version of an index methodology (PAR INDEX, SIPAS, PAPI, PCI, the 766 service index).</summary>
public sealed class IndexFramework
{
    public required string Code { get; init; }
    public int Version { get; init; } = 1;
    public required string Name { get; init; }
    public required string Methodology { get; init; }
    public ScoreScale Scale { get; init; }
    public decimal MaxTotal { get; init; }
    public List<IndexComponent> Components { get; init; } = [];
}

/// <summary>A component, criterion or sub-criterion; <see cref="ParentCode"/> builds the tree.</summary>
public sealed class IndexComponent
{
    public required string FrameworkCode { get; init; }
    public int FrameworkVersion { get; init; }
    public required string Code { get; init; }
    public string? ParentCode { get; init; }
    public int Ordinal { get; init; }
    public required string Name { get; init; }
    /// <summary>Maximum points, or the weight in % for PCI; null where the methodology is not known.</summary>
    public decimal? MaxScore { get; init; }
    /// <summary>Marked unconfirmed in the domain reference: entered as such, to be checked and edited.</summary>
    public bool Unconfirmed { get; init; }
}

public enum ScoreScale
{
    Unspecified = 0,
    Percent = 1,
    Points = 2,
}
