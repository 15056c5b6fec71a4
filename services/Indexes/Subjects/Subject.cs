namespace Cchc.Indexes.Subjects;

/// <summary>Who an index ranks: the nation (for averages), a province or city, an agency or a department.</summary>
public sealed class Subject
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public SubjectKind Kind { get; init; }
    /// <summary>Null: existed before any data we hold.</summary>
    public DateOnly? ValidFrom { get; init; }
    /// <summary>Null: still exists.</summary>
    public DateOnly? ValidTo { get; init; }
    /// <summary>
    /// The code, in the organisation registry, of the agency whose leadership answers for this
    /// subject's ranks (Quảng Trị → "QT"); a rank-fall event is addressed to it. Null: none known.
    /// </summary>
    public string? AgencyCode { get; init; }
}

/// <summary>A subject that continues an earlier one, e.g. a merged province continues each province merged into it.</summary>
public sealed class Succession
{
    public required string PredecessorCode { get; init; }
    public required string SuccessorCode { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public string LegalReference { get; init; } = "";
}

/// <summary>Mirrors <c>cchc.indexes.v1.SubjectKind</c>.</summary>
public enum SubjectKind
{
    Unspecified = 0,
    Nation = 1,
    Province = 2,
    City = 3,
    Agency = 4,
    Department = 5,
}
