namespace Cchc.Dossiers.Ratings;

/// <summary>
/// The applicant's satisfaction rating of one dossier (đánh giá sự hài lòng), given once the result
/// is returned, at most once per dossier, and never changed.
/// </summary>
public sealed class DossierRating
{
    public long Id { get; init; }
    public long DossierId { get; init; }
    public DateTimeOffset RatedAt { get; init; }
    public SatisfactionLevel Overall { get; init; }
    public List<CriterionRating> Criteria { get; init; } = [];
    public string Comment { get; init; } = "";
}

public sealed class CriterionRating
{
    public RatingCriterion Criterion { get; init; }
    public SatisfactionLevel Level { get; init; }
}

/// <summary>Mirrors <c>cchc.dossiers.v1.SatisfactionLevel</c>.</summary>
public enum SatisfactionLevel
{
    VerySatisfied = 1,
    Satisfied = 2,
    Dissatisfied = 3,
}

/// <summary>Mirrors <c>cchc.dossiers.v1.RatingCriterion</c>: the SIPAS elements one dossier speaks to.</summary>
public enum RatingCriterion
{
    Access = 1,
    Procedure = 2,
    Officials = 3,
    Result = 4,
}
