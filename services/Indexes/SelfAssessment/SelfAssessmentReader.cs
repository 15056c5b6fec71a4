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

/// <summary>What a self-assessment reads: one assessment within the caller's scope, the criteria missing evidence, and the comparison with the previous year.</summary>
public sealed class SelfAssessmentReader(IndexesDbContext db)
{
    private const string AssessmentType = AssessmentContracts.ResourceType;

    public async Task<V1.ListMissingEvidenceResponse> MissingEvidenceAsync(V1.ListMissingEvidenceRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (assessment, framework) = await FindAsync(request.AssessmentId, caller, tracking: false, cancellationToken);
        var response = new V1.ListMissingEvidenceResponse { UnitCode = assessment.UnitCode };
        foreach (var criterion in AssessmentContracts.Criteria(framework))
        {
            var row = assessment.Criteria.FirstOrDefault(c => c.CriterionCode == criterion.Code);
            if (row?.SelfScore is null || row.Evidence.Count == 0)
            {
                response.Criteria.Add(new V1.MissingEvidence { CriterionCode = criterion.Code, CriterionName = criterion.Name, NotScored = row?.SelfScore is null });
            }
        }
        return response;
    }

    public async Task<V1.CompareWithPreviousYearResponse> CompareWithPreviousYearAsync(V1.CompareWithPreviousYearRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (assessment, framework) = await FindAsync(request.AssessmentId, caller, tracking: false, cancellationToken);
        var previous = await db.Assessments.AsNoTracking().Include(a => a.Criteria)
            .FirstOrDefaultAsync(a => a.FrameworkCode == assessment.FrameworkCode && a.UnitCode == assessment.UnitCode && a.Year == assessment.Year - 1, cancellationToken)
            ?? throw RpcErrors.FailedPrecondition("NO_PREVIOUS_ASSESSMENT", $"{assessment.FrameworkCode}/{assessment.Year - 1}/{assessment.UnitCode}",
                $"{assessment.UnitCode} has no {assessment.FrameworkCode} self-assessment for {assessment.Year - 1} to compare with.");
        var previousFramework = await db.Frameworks.AsNoTracking().Include(f => f.Components)
            .FirstAsync(f => f.Code == previous.FrameworkCode && f.Version == previous.FrameworkVersion, cancellationToken);
        var response = new V1.CompareWithPreviousYearResponse
        {
            UnitCode = assessment.UnitCode, Year = assessment.Year, PreviousYear = previous.Year, PreviousAssessmentId = previous.Id.ToString(),
            PreviousTotal = AssessmentContracts.Format(previous.Criteria.Sum(c => c.FinalScore ?? 0)),
            Total = AssessmentContracts.Format(assessment.Criteria.Sum(c => c.FinalScore ?? 0)),
        };
        var lostTotal = 0m;
        // Criteria of either year's version: one dropped from the methodology still shows what it scored.
        var criteria = AssessmentContracts.Criteria(framework).Concat(AssessmentContracts.Criteria(previousFramework)).DistinctBy(c => c.Code);
        foreach (var criterion in criteria)
        {
            var before = previous.Criteria.FirstOrDefault(c => c.CriterionCode == criterion.Code)?.FinalScore;
            var now = assessment.Criteria.FirstOrDefault(c => c.CriterionCode == criterion.Code)?.FinalScore;
            var lost = Math.Max(0, (before ?? 0) - (now ?? 0));
            lostTotal += lost;
            response.Criteria.Add(new V1.CriterionComparison
            {
                CriterionCode = criterion.Code, CriterionName = criterion.Name,
                PreviousScore = AssessmentContracts.Format(before), Score = AssessmentContracts.Format(now), PointsLost = AssessmentContracts.Format(lost),
            });
        }
        response.TotalPointsLost = AssessmentContracts.Format(lostTotal);
        return response;
    }

    /// <summary>The assessment if the caller's scope includes its unit (else NOT_FOUND, as if it did not exist), with its framework version.</summary>
    public async Task<(Assessment Assessment, IndexFramework Framework)> FindAsync(string id, Caller caller, bool tracking, CancellationToken cancellationToken)
    {
        new Validation().Require(Guid.TryParse(id, out var assessmentId), "assessment_id", "must be an assessment id (UUID)").ThrowIfInvalid();
        var query = db.Assessments.Include(a => a.Criteria).ThenInclude(c => c.Evidence).AsSplitQuery();
        var assessment = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == assessmentId, cancellationToken);
        if (assessment is null || !caller.CanAccessUnit(assessment.UnitCode))
        {
            throw RpcErrors.NotFound(AssessmentType, id);
        }
        var framework = await db.Frameworks.AsNoTracking().Include(f => f.Components)
            .FirstAsync(f => f.Code == assessment.FrameworkCode && f.Version == assessment.FrameworkVersion, cancellationToken);
        return (assessment, framework);
    }
}
