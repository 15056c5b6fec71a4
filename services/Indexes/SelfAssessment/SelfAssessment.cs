namespace Cchc.Indexes.SelfAssessment;

/// <summary>A unit's self-assessment against one framework version for one year.</summary>
public sealed class Assessment
{
    public Guid Id { get; init; }
    public required string FrameworkCode { get; init; }
    public int FrameworkVersion { get; init; }
    public int Year { get; init; }
    public required string UnitCode { get; init; }
    public AssessmentState State { get; set; } = AssessmentState.Open;
    public required string StartedBy { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string? LockedBy { get; set; }
    public DateTimeOffset? LockedAt { get; set; }
    /// <summary>PostgreSQL's xmin: every change to the assessment or one of its criteria checks it.</summary>
    public uint Version { get; set; }
    public List<CriterionAssessment> Criteria { get; init; } = [];
}

/// <summary>Mirrors <c>cchc.indexes.v1.AssessmentState</c>.</summary>
public enum AssessmentState
{
    Unspecified = 0,
    Open = 1,
    Locked = 2,
}

/// <summary>One criterion's self score with its evidence, and the appraiser's score.</summary>
public sealed class CriterionAssessment
{
    public Guid AssessmentId { get; init; }
    public required string CriterionCode { get; init; }
    public decimal? SelfScore { get; set; }
    public string Note { get; set; } = "";
    public string? ScoredBy { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    public decimal? AppraisedScore { get; set; }
    public string AppraisalComment { get; set; } = "";
    public string? AppraisedBy { get; set; }
    public DateTimeOffset? AppraisedAt { get; set; }
    public List<Evidence> Evidence { get; init; } = [];

    /// <summary>What counts: the appraiser's score where there is one, else the unit's own.</summary>
    public decimal? FinalScore => AppraisedScore ?? SelfScore;
}

/// <summary>A reference to a document or a task progress report in Directives, checked to exist when given.</summary>
public sealed class Evidence
{
    public Guid AssessmentId { get; init; }
    public required string CriterionCode { get; init; }
    public int Ordinal { get; init; }
    public EvidenceKind Kind { get; init; }
    public string? DocumentId { get; init; }
    public string? TaskId { get; init; }
    public string? ReportId { get; init; }
    public string Title { get; init; } = "";
}

/// <summary>Mirrors <c>cchc.indexes.v1.EvidenceKind</c>.</summary>
public enum EvidenceKind
{
    Unspecified = 0,
    Document = 1,
    TaskReport = 2,
}
