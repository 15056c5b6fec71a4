using System.Globalization;
using Cchc.Indexes.Data;
using Cchc.Indexes.Frameworks;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using V1 = Cchc.Indexes.V1;

namespace Cchc.Indexes.SelfAssessment;

/// <summary>
/// A unit's self-assessment as it is written: started by the unit's officials, scored per criterion with
/// evidence from Directives, appraised and locked by the follow-up office. Each use case validates in the
/// contract's order, checks the caller's scope and saves (a lock committed since the read makes a change ABORTED).
/// </summary>
public sealed class SelfAssessmentHandler(IndexesDbContext db, SelfAssessmentReader reader, DirectivesEvidence directives, ILogger<SelfAssessmentHandler> logger)
{
    private const string AssessmentType = AssessmentContracts.ResourceType;

    public async Task<V1.Assessment> StartAsync(V1.StartAssessmentRequest request, Caller caller, CancellationToken cancellationToken)
    {
        new Validation()
            .RequireText(request.FrameworkCode, "framework_code", 32)
            .RequireText(request.UnitCode, "unit_code", 64)
            .Require(request.Year is >= 2000 and <= 2100, "year", "must be a year between 2000 and 2100")
            .Require(request.FrameworkVersion >= 0, "framework_version", "must not be negative")
            .ThrowIfInvalid();
        if (!caller.CanAccessUnit(request.UnitCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"'{request.UnitCode}' is outside the caller's unit."));
        }
        var query = db.Frameworks.AsNoTracking().Include(f => f.Components).Where(f => f.Code == request.FrameworkCode);
        var framework = await (request.FrameworkVersion > 0 ? query.Where(f => f.Version == request.FrameworkVersion) : query.OrderByDescending(f => f.Version))
            .FirstOrDefaultAsync(cancellationToken);
        new Validation().Require(framework is not null, "framework_code",
            $"no index framework '{request.FrameworkCode}'" + (request.FrameworkVersion > 0 ? $" in version {request.FrameworkVersion}" : "")).ThrowIfInvalid();
        if (await db.Assessments.AnyAsync(a => a.FrameworkCode == framework!.Code && a.Year == request.Year && a.UnitCode == request.UnitCode, cancellationToken))
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
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw RpcErrors.AlreadyExists(AssessmentType, $"{framework.Code}/{request.Year}/{request.UnitCode}");
        }
        logger.LogInformation("Self-assessment {Id} of {Unit} for {Framework} {Year} started", assessment.Id, assessment.UnitCode, assessment.FrameworkCode, assessment.Year);
        return AssessmentContracts.ToContract(assessment, framework);
    }

    public async Task<V1.CriterionScore> ScoreAsync(V1.ScoreCriterionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var validation = new Validation().RequireText(request.CriterionCode, "criterion_code", 64)
            .Require(request.Note.Length <= 2000, "note", "must be at most 2000 characters")
            .Require(request.Evidence.Count <= 50, "evidence", "at most 50 references");
        var score = AssessmentContracts.ParseDecimal(request.SelfScore, "self_score", validation, required: true);
        validation.ThrowIfInvalid();
        var (assessment, framework) = await FindOpenAsync(request.AssessmentId, caller, cancellationToken);
        var criterion = Criterion(framework, request.CriterionCode, score, "self_score");

        // Every reference is checked before anything is stored; one unknown id stores nothing. Evidence is
        // the assessment's agency's own: the caller's agency when the unit lies in it, else the unit itself.
        var agency = caller.Agency is { } own && Caller.IsWithin(assessment.UnitCode, own) ? own : assessment.UnitCode;
        var evidence = new List<Evidence>();
        var check = new Validation();
        foreach (var (reference, i) in request.Evidence.Select((r, i) => (r, i)))
        {
            if (await directives.ResolveAsync(assessment.Id, agency, criterion.Code, i, reference, $"evidence[{i}]", check, cancellationToken) is { } resolved)
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
        await SaveAsync(cancellationToken);
        return AssessmentContracts.ToContract(criterion, row);
    }

    public async Task<V1.CriterionScore> AppraiseAsync(V1.AppraiseRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var validation = new Validation().RequireText(request.CriterionCode, "criterion_code", 64)
            .Require(request.Comment.Length <= 2000, "comment", "must be at most 2000 characters");
        var score = AssessmentContracts.ParseDecimal(request.AppraisedScore, "appraised_score", validation, required: true);
        validation.ThrowIfInvalid();
        var (assessment, framework) = await FindOpenAsync(request.AssessmentId, caller, cancellationToken);
        var criterion = Criterion(framework, request.CriterionCode, score, "appraised_score");

        var row = CriterionRow(assessment, criterion.Code);
        row.AppraisedScore = score;
        row.AppraisalComment = request.Comment.Trim();
        row.AppraisedBy = caller.Subject;
        row.AppraisedAt = ServiceClock.System.UtcNow();
        await SaveAsync(cancellationToken);
        return AssessmentContracts.ToContract(criterion, row);
    }

    public async Task<V1.Assessment> LockAsync(V1.LockAssessmentRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (assessment, framework) = await FindOpenAsync(request.AssessmentId, caller, cancellationToken);
        assessment.State = AssessmentState.Locked;
        assessment.LockedBy = caller.Subject;
        assessment.LockedAt = ServiceClock.System.UtcNow();
        await SaveAsync(cancellationToken);
        logger.LogInformation("Self-assessment {Id} locked by {Subject}", assessment.Id, assessment.LockedBy);
        return AssessmentContracts.ToContract(assessment, framework);
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
    private async Task<(Assessment, IndexFramework)> FindOpenAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var (assessment, framework) = await reader.FindAsync(id, caller, tracking: true, cancellationToken);
        if (assessment.State == AssessmentState.Locked)
        {
            throw RpcErrors.FailedPrecondition("ASSESSMENT_LOCKED", assessment.Id.ToString(),
                $"Bản tự đánh giá đã được khóa lúc {assessment.LockedAt:dd/MM/yyyy HH:mm} (UTC); không thể thay đổi điểm.");
        }
        return (assessment, framework);
    }

    internal static IndexComponent Criterion(IndexFramework framework, string code, decimal? score, string scoreField)
    {
        var criterion = AssessmentContracts.Criteria(framework).FirstOrDefault(c => c.Code == code);
        var validation = new Validation().Require(criterion is not null, "criterion_code", $"'{code}' is not a criterion of {framework.Code} version {framework.Version}");
        if (criterion is not null && score is { } s)
        {
            validation.Require(s >= 0 && (criterion.MaxScore is null || s <= criterion.MaxScore), scoreField,
                criterion.MaxScore is { } max ? $"must be between 0 and {max:0.###}" : "must not be negative");
        }
        validation.ThrowIfInvalid();
        return criterion!;
    }
}
