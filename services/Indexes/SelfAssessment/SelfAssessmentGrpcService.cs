using System.Globalization;
using Cchc.Indexes.Data;
using Cchc.Indexes.Frameworks;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using V1 = Cchc.Indexes.V1;

namespace Cchc.Indexes.SelfAssessment;

/// <summary>
/// Units score themselves per criterion with evidence from Directives; the follow-up office appraises
/// and locks. A unit's officials act on their own unit and its sub-units; an assessment outside the
/// caller's scope is NOT_FOUND, as if it did not exist.
/// </summary>
public sealed class SelfAssessmentGrpcService(IndexesDbContext db, DirectivesEvidence directives, ILogger<SelfAssessmentGrpcService> logger)
    : V1.SelfAssessmentService.SelfAssessmentServiceBase
{
    private const string AssessmentType = "cchc.indexes.v1.Assessment";
    private const string UnitOfficials = $"{Roles.ProcessingOfficer},{Roles.UnitHead}";
    private const string Appraisers = $"{Roles.Administrator},{Roles.FollowUpOffice}";
    private const string Readers = $"{Roles.Administrator},{Roles.FollowUpOffice},{Roles.Leadership},{Roles.ProcessingOfficer},{Roles.UnitHead}";

    [Authorize(Roles = UnitOfficials)]
    public override async Task<V1.StartAssessmentResponse> StartAssessment(V1.StartAssessmentRequest request, ServerCallContext context)
    {
        new Validation()
            .RequireText(request.FrameworkCode, "framework_code", 32)
            .RequireText(request.UnitCode, "unit_code", 64)
            .Require(request.Year is >= 2000 and <= 2100, "year", "must be a year between 2000 and 2100")
            .Require(request.FrameworkVersion >= 0, "framework_version", "must not be negative")
            .ThrowIfInvalid();
        var caller = context.GetCaller();
        if (!caller.CanAccessUnit(request.UnitCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"'{request.UnitCode}' is outside the caller's unit."));
        }
        var query = db.Frameworks.AsNoTracking().Include(f => f.Components).Where(f => f.Code == request.FrameworkCode);
        var framework = await (request.FrameworkVersion > 0 ? query.Where(f => f.Version == request.FrameworkVersion) : query.OrderByDescending(f => f.Version))
            .FirstOrDefaultAsync(context.CancellationToken);
        new Validation().Require(framework is not null, "framework_code",
            $"no index framework '{request.FrameworkCode}'" + (request.FrameworkVersion > 0 ? $" in version {request.FrameworkVersion}" : "")).ThrowIfInvalid();
        if (await db.Assessments.AnyAsync(a => a.FrameworkCode == framework!.Code && a.Year == request.Year && a.UnitCode == request.UnitCode, context.CancellationToken))
        {
            throw RpcErrors.AlreadyExists(AssessmentType, $"{framework!.Code}/{request.Year}/{request.UnitCode}");
        }
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(),
            FrameworkCode = framework!.Code,
            FrameworkVersion = framework.Version,
            Year = request.Year,
            UnitCode = request.UnitCode,
            StartedBy = caller.Subject,
            StartedAt = ServiceClock.System.UtcNow(),
        };
        db.Assessments.Add(assessment);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw RpcErrors.AlreadyExists(AssessmentType, $"{framework.Code}/{request.Year}/{request.UnitCode}");
        }
        logger.LogInformation("Self-assessment {Id} of {Unit} for {Framework} {Year} started", assessment.Id, assessment.UnitCode, assessment.FrameworkCode, assessment.Year);
        return new V1.StartAssessmentResponse { Assessment = ToContract(assessment, framework) };
    }

    [Authorize(Roles = UnitOfficials)]
    public override async Task<V1.ScoreCriterionResponse> ScoreCriterion(V1.ScoreCriterionRequest request, ServerCallContext context)
    {
        var validation = new Validation().RequireText(request.CriterionCode, "criterion_code", 64)
            .Require(request.Note.Length <= 2000, "note", "must be at most 2000 characters")
            .Require(request.Evidence.Count <= 50, "evidence", "at most 50 references");
        var score = ParseDecimal(request.SelfScore, "self_score", validation, required: true);
        validation.ThrowIfInvalid();
        var (assessment, framework) = await FindOpenAsync(request.AssessmentId, context);
        var criterion = Criterion(framework, request.CriterionCode, score, "self_score");

        // Every reference is checked before anything is stored; one unknown id stores nothing. Evidence is
        // the assessment's agency's own: the caller's agency when the unit lies in it, else the unit itself.
        var caller = context.GetCaller();
        var agency = caller.Agency is { } own && Caller.IsWithin(assessment.UnitCode, own) ? own : assessment.UnitCode;
        var evidence = new List<Evidence>();
        var check = new Validation();
        foreach (var (reference, i) in request.Evidence.Select((r, i) => (r, i)))
        {
            if (await directives.ResolveAsync(assessment.Id, agency, criterion.Code, i, reference, $"evidence[{i}]", check, context.CancellationToken) is { } resolved)
            {
                evidence.Add(resolved);
            }
        }
        check.ThrowIfInvalid();

        var row = CriterionRow(assessment, criterion.Code);
        row.SelfScore = score;
        row.Note = request.Note.Trim();
        row.ScoredBy = caller.Subject;
        row.ScoredAt = ServiceClock.System.UtcNow();
        row.Evidence.Clear();
        row.Evidence.AddRange(evidence);
        await SaveAsync(context.CancellationToken);
        return new V1.ScoreCriterionResponse { Criterion = ToContract(criterion, row) };
    }

    [Authorize(Roles = Appraisers)]
    public override async Task<V1.AppraiseResponse> Appraise(V1.AppraiseRequest request, ServerCallContext context)
    {
        var validation = new Validation().RequireText(request.CriterionCode, "criterion_code", 64)
            .Require(request.Comment.Length <= 2000, "comment", "must be at most 2000 characters");
        var score = ParseDecimal(request.AppraisedScore, "appraised_score", validation, required: true);
        validation.ThrowIfInvalid();
        var (assessment, framework) = await FindOpenAsync(request.AssessmentId, context);
        var criterion = Criterion(framework, request.CriterionCode, score, "appraised_score");

        var row = CriterionRow(assessment, criterion.Code);
        row.AppraisedScore = score;
        row.AppraisalComment = request.Comment.Trim();
        row.AppraisedBy = context.GetCaller().Subject;
        row.AppraisedAt = ServiceClock.System.UtcNow();
        await SaveAsync(context.CancellationToken);
        return new V1.AppraiseResponse { Criterion = ToContract(criterion, row) };
    }

    [Authorize(Roles = Appraisers)]
    public override async Task<V1.LockAssessmentResponse> LockAssessment(V1.LockAssessmentRequest request, ServerCallContext context)
    {
        var (assessment, framework) = await FindOpenAsync(request.AssessmentId, context);
        assessment.State = AssessmentState.Locked;
        assessment.LockedBy = context.GetCaller().Subject;
        assessment.LockedAt = ServiceClock.System.UtcNow();
        await SaveAsync(context.CancellationToken);
        logger.LogInformation("Self-assessment {Id} locked by {Subject}", assessment.Id, assessment.LockedBy);
        return new V1.LockAssessmentResponse { Assessment = ToContract(assessment, framework) };
    }

    [Authorize(Roles = Readers)]
    public override async Task<V1.GetAssessmentResponse> GetAssessment(V1.GetAssessmentRequest request, ServerCallContext context)
    {
        var (assessment, framework) = await FindAsync(request.AssessmentId, context, tracking: false);
        return new V1.GetAssessmentResponse { Assessment = ToContract(assessment, framework) };
    }

    [Authorize(Roles = Readers)]
    public override async Task<V1.ListMissingEvidenceResponse> ListMissingEvidence(V1.ListMissingEvidenceRequest request, ServerCallContext context)
    {
        var (assessment, framework) = await FindAsync(request.AssessmentId, context, tracking: false);
        var response = new V1.ListMissingEvidenceResponse { UnitCode = assessment.UnitCode };
        foreach (var criterion in Criteria(framework))
        {
            var row = assessment.Criteria.FirstOrDefault(c => c.CriterionCode == criterion.Code);
            if (row?.SelfScore is null || row.Evidence.Count == 0)
            {
                response.Criteria.Add(new V1.MissingEvidence { CriterionCode = criterion.Code, CriterionName = criterion.Name, NotScored = row?.SelfScore is null });
            }
        }
        return response;
    }

    [Authorize(Roles = Readers)]
    public override async Task<V1.CompareWithPreviousYearResponse> CompareWithPreviousYear(V1.CompareWithPreviousYearRequest request, ServerCallContext context)
    {
        var (assessment, framework) = await FindAsync(request.AssessmentId, context, tracking: false);
        var previous = await db.Assessments.AsNoTracking().Include(a => a.Criteria)
            .FirstOrDefaultAsync(a => a.FrameworkCode == assessment.FrameworkCode && a.UnitCode == assessment.UnitCode && a.Year == assessment.Year - 1, context.CancellationToken)
            ?? throw RpcErrors.FailedPrecondition("NO_PREVIOUS_ASSESSMENT", $"{assessment.FrameworkCode}/{assessment.Year - 1}/{assessment.UnitCode}",
                $"{assessment.UnitCode} has no {assessment.FrameworkCode} self-assessment for {assessment.Year - 1} to compare with.");
        var previousFramework = await db.Frameworks.AsNoTracking().Include(f => f.Components)
            .FirstAsync(f => f.Code == previous.FrameworkCode && f.Version == previous.FrameworkVersion, context.CancellationToken);
        var response = new V1.CompareWithPreviousYearResponse
        {
            UnitCode = assessment.UnitCode, Year = assessment.Year, PreviousYear = previous.Year, PreviousAssessmentId = previous.Id.ToString(),
            PreviousTotal = Format(previous.Criteria.Sum(c => c.FinalScore ?? 0)),
            Total = Format(assessment.Criteria.Sum(c => c.FinalScore ?? 0)),
        };
        var lostTotal = 0m;
        // Criteria of either year's version: one dropped from the methodology still shows what it scored.
        var criteria = Criteria(framework).Concat(Criteria(previousFramework)).DistinctBy(c => c.Code);
        foreach (var criterion in criteria)
        {
            var before = previous.Criteria.FirstOrDefault(c => c.CriterionCode == criterion.Code)?.FinalScore;
            var now = assessment.Criteria.FirstOrDefault(c => c.CriterionCode == criterion.Code)?.FinalScore;
            var lost = Math.Max(0, (before ?? 0) - (now ?? 0));
            lostTotal += lost;
            response.Criteria.Add(new V1.CriterionComparison
            {
                CriterionCode = criterion.Code, CriterionName = criterion.Name,
                PreviousScore = Format(before), Score = Format(now), PointsLost = Format(lost),
            });
        }
        response.TotalPointsLost = Format(lostTotal);
        return response;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RpcErrors.Aborted("The assessment changed while this call was running; read it again and retry.");
        }
    }

    /// <summary>
    /// The criterion's row, new or stored. The assessment row is written too, so its row version
    /// (xmin) is checked: a lock committed since it was read makes this change ABORTED, not lost.
    /// </summary>
    private CriterionAssessment CriterionRow(Assessment assessment, string criterionCode)
    {
        db.Entry(assessment).Property(a => a.State).IsModified = true;
        var row = assessment.Criteria.FirstOrDefault(c => c.CriterionCode == criterionCode);
        if (row is null)
        {
            row = new CriterionAssessment { AssessmentId = assessment.Id, CriterionCode = criterionCode };
            db.CriterionAssessments.Add(row);
            assessment.Criteria.Add(row);
        }
        return row;
    }

    /// <summary>The assessment if the caller's scope includes its unit and it is still open.</summary>
    private async Task<(Assessment, IndexFramework)> FindOpenAsync(string id, ServerCallContext context)
    {
        var (assessment, framework) = await FindAsync(id, context, tracking: true);
        if (assessment.State == AssessmentState.Locked)
        {
            throw RpcErrors.FailedPrecondition("ASSESSMENT_LOCKED", assessment.Id.ToString(),
                $"Bản tự đánh giá đã được khóa lúc {assessment.LockedAt:dd/MM/yyyy HH:mm} (UTC); không thể thay đổi điểm.");
        }
        return (assessment, framework);
    }

    private async Task<(Assessment, IndexFramework)> FindAsync(string id, ServerCallContext context, bool tracking)
    {
        new Validation().Require(Guid.TryParse(id, out var assessmentId), "assessment_id", "must be an assessment id (UUID)").ThrowIfInvalid();
        var query = db.Assessments.Include(a => a.Criteria).ThenInclude(c => c.Evidence).AsSplitQuery();
        var assessment = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == assessmentId, context.CancellationToken);
        if (assessment is null || !context.GetCaller().CanAccessUnit(assessment.UnitCode))
        {
            throw RpcErrors.NotFound(AssessmentType, id);
        }
        var framework = await db.Frameworks.AsNoTracking().Include(f => f.Components)
            .FirstAsync(f => f.Code == assessment.FrameworkCode && f.Version == assessment.FrameworkVersion, context.CancellationToken);
        return (assessment, framework);
    }

    /// <summary>The criteria a unit scores: the framework's leaves, in its order.</summary>
    private static List<IndexComponent> Criteria(IndexFramework framework)
    {
        var parents = framework.Components.Where(c => c.ParentCode is not null).Select(c => c.ParentCode!).ToHashSet();
        return framework.Components.Where(c => !parents.Contains(c.Code)).OrderBy(c => c.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
    }

    private static IndexComponent Criterion(IndexFramework framework, string code, decimal? score, string scoreField)
    {
        var criterion = Criteria(framework).FirstOrDefault(c => c.Code == code);
        var validation = new Validation().Require(criterion is not null, "criterion_code", $"'{code}' is not a criterion of {framework.Code} version {framework.Version}");
        if (criterion is not null && score is { } s)
        {
            validation.Require(s >= 0 && (criterion.MaxScore is null || s <= criterion.MaxScore), scoreField,
                criterion.MaxScore is { } max ? $"must be between 0 and {max:0.###}" : "must not be negative");
        }
        validation.ThrowIfInvalid();
        return criterion!;
    }

    private static V1.Assessment ToContract(Assessment a, IndexFramework framework)
    {
        var result = new V1.Assessment
        {
            AssessmentId = a.Id.ToString(),
            FrameworkCode = a.FrameworkCode,
            FrameworkVersion = a.FrameworkVersion,
            Year = a.Year,
            UnitCode = a.UnitCode,
            State = (V1.AssessmentState)a.State,
            StartedBy = a.StartedBy,
            StartTime = Timestamp.FromDateTimeOffset(a.StartedAt),
            LockedBy = a.LockedBy ?? "",
            LockTime = a.LockedAt is { } locked ? Timestamp.FromDateTimeOffset(locked) : null,
        };
        var criteria = Criteria(framework);
        foreach (var criterion in criteria)
        {
            var row = a.Criteria.FirstOrDefault(c => c.CriterionCode == criterion.Code);
            result.Criteria.Add(ToContract(criterion, row));
        }
        result.SelfTotal = Format(a.Criteria.Sum(c => c.SelfScore ?? 0));
        result.AppraisedTotal = Format(a.Criteria.Sum(c => c.FinalScore ?? 0));
        result.MaxTotal = Format(criteria.Sum(c => c.MaxScore ?? 0));
        return result;
    }

    private static V1.CriterionScore ToContract(IndexComponent criterion, CriterionAssessment? row)
    {
        var result = new V1.CriterionScore
        {
            CriterionCode = criterion.Code,
            CriterionName = criterion.Name,
            MaxScore = Format(criterion.MaxScore),
        };
        if (row is null)
        {
            return result;
        }
        result.SelfScore = Format(row.SelfScore);
        result.Note = row.Note;
        result.ScoredBy = row.ScoredBy ?? "";
        result.ScoreTime = row.ScoredAt is { } scored ? Timestamp.FromDateTimeOffset(scored) : null;
        result.AppraisedScore = Format(row.AppraisedScore);
        result.AppraisalComment = row.AppraisalComment;
        result.AppraisedBy = row.AppraisedBy ?? "";
        result.AppraiseTime = row.AppraisedAt is { } appraised ? Timestamp.FromDateTimeOffset(appraised) : null;
        result.FinalScore = Format(row.FinalScore);
        result.Evidence.AddRange(row.Evidence.OrderBy(e => e.Ordinal).Select(e => new V1.EvidenceRef
        {
            Kind = (V1.EvidenceKind)e.Kind,
            DocumentId = e.DocumentId ?? "",
            TaskId = e.TaskId ?? "",
            ReportId = e.ReportId ?? "",
            Title = e.Title,
        }));
        return result;
    }

    private static decimal? ParseDecimal(string text, string field, Validation validation, bool required)
    {
        if (text.Length == 0)
        {
            validation.Require(!required, field, "is required");
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        validation.Require(false, field, "must be a decimal number such as \"7.5\"");
        return null;
    }

    private static string Format(decimal? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
