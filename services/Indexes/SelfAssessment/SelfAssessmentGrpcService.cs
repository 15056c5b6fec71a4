using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using V1 = Cchc.Indexes.V1;

namespace Cchc.Indexes.SelfAssessment;

/// <summary>
/// Units score themselves per criterion with evidence from Directives; the follow-up office appraises
/// and locks. A unit's officials act on their own unit and its sub-units; an assessment outside the
/// caller's scope is NOT_FOUND, as if it did not exist. The adapter maps; <see cref="SelfAssessmentHandler"/>
/// and <see cref="SelfAssessmentReader"/> do the work.
/// </summary>
public sealed class SelfAssessmentGrpcService(SelfAssessmentHandler handler, SelfAssessmentReader reader)
    : V1.SelfAssessmentService.SelfAssessmentServiceBase
{
    private const string UnitOfficials = $"{Roles.ProcessingOfficer},{Roles.UnitHead}";
    private const string Appraisers = $"{Roles.Administrator},{Roles.FollowUpOffice}";
    private const string Readers = $"{Roles.Administrator},{Roles.FollowUpOffice},{Roles.Leadership},{Roles.ProcessingOfficer},{Roles.UnitHead}";

    [Authorize(Roles = UnitOfficials)]
    public override async Task<V1.StartAssessmentResponse> StartAssessment(V1.StartAssessmentRequest request, ServerCallContext context) =>
        new() { Assessment = await handler.StartAsync(request, context.GetCaller(), context.CancellationToken) };

    [Authorize(Roles = UnitOfficials)]
    public override async Task<V1.ScoreCriterionResponse> ScoreCriterion(V1.ScoreCriterionRequest request, ServerCallContext context) =>
        new() { Criterion = await handler.ScoreAsync(request, context.GetCaller(), context.CancellationToken) };

    [Authorize(Roles = Appraisers)]
    public override async Task<V1.AppraiseResponse> Appraise(V1.AppraiseRequest request, ServerCallContext context) =>
        new() { Criterion = await handler.AppraiseAsync(request, context.GetCaller(), context.CancellationToken) };

    [Authorize(Roles = Appraisers)]
    public override async Task<V1.LockAssessmentResponse> LockAssessment(V1.LockAssessmentRequest request, ServerCallContext context) =>
        new() { Assessment = await handler.LockAsync(request, context.GetCaller(), context.CancellationToken) };

    [Authorize(Roles = Readers)]
    public override async Task<V1.GetAssessmentResponse> GetAssessment(V1.GetAssessmentRequest request, ServerCallContext context)
    {
        var (assessment, framework) = await reader.FindAsync(request.AssessmentId, context.GetCaller(), tracking: false, context.CancellationToken);
        return new V1.GetAssessmentResponse { Assessment = AssessmentContracts.ToContract(assessment, framework) };
    }

    [Authorize(Roles = Readers)]
    public override Task<V1.ListMissingEvidenceResponse> ListMissingEvidence(V1.ListMissingEvidenceRequest request, ServerCallContext context) =>
        reader.MissingEvidenceAsync(request, context.GetCaller(), context.CancellationToken);

    [Authorize(Roles = Readers)]
    public override Task<V1.CompareWithPreviousYearResponse> CompareWithPreviousYear(V1.CompareWithPreviousYearRequest request, ServerCallContext context) =>
        reader.CompareWithPreviousYearAsync(request, context.GetCaller(), context.CancellationToken);
}
