using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;

namespace Cchc.Indexes.SelfAssessment;

/// <summary>
/// Checks over gRPC that evidence exists in Directives, as a Cchc service (its own credentials), and
/// takes its title from there. An unknown id is the caller's mistake (INVALID_ARGUMENT naming the
/// field); Directives not answering is UNAVAILABLE, never mistaken for a missing document.
/// The service identity reads every agency's documents and reports, so the evidence must also belong to
/// the assessment's agency: a document issued by one of its units, a report made by one of its units.
/// Another agency's report is answered exactly as an unknown one, so its existence does not leak.
/// </summary>
public sealed class DirectivesEvidence(DocumentService.DocumentServiceClient documents, TaskService.TaskServiceClient tasks)
{
    public async Task<Evidence?> ResolveAsync(Guid assessmentId, string agencyCode, string criterionCode, int ordinal, V1.EvidenceRef reference, string field,
        Validation validation, CancellationToken cancellationToken)
    {
        switch (reference.Kind)
        {
            case V1.EvidenceKind.Document:
                if (!Has(reference.DocumentId, $"{field}.document_id", validation))
                {
                    return null;
                }
                var document = await CallAsync(() => documents.GetDocumentAsync(new GetDocumentRequest { DocumentId = reference.DocumentId }, cancellationToken: cancellationToken).ResponseAsync);
                if (document is null)
                {
                    validation.Require(false, $"{field}.document_id", $"no document '{reference.DocumentId}' in Directives");
                    return null;
                }
                if (document.Document.IssuerUnitCode.Length == 0 || !Caller.IsWithin(document.Document.IssuerUnitCode, agencyCode))
                {
                    validation.Require(false, $"{field}.document_id",
                        $"document '{reference.DocumentId}' was not issued by a unit of {agencyCode}; evidence is the agency's own documents");
                    return null;
                }
                return new Evidence
                {
                    AssessmentId = assessmentId, CriterionCode = criterionCode, Ordinal = ordinal, Kind = EvidenceKind.Document,
                    DocumentId = document.Document.DocumentId,
                    Title = Truncate(string.Join(" ", new[] { document.Document.Symbol, document.Document.Summary }.Where(s => s.Length > 0))),
                };
            case V1.EvidenceKind.TaskReport:
                if (!Has(reference.TaskId, $"{field}.task_id", validation) | !Has(reference.ReportId, $"{field}.report_id", validation))
                {
                    return null;
                }
                var reports = await CallAsync(() => tasks.ListProgressReportsAsync(new ListProgressReportsRequest { TaskId = reference.TaskId }, cancellationToken: cancellationToken).ResponseAsync);
                if (reports is null)
                {
                    validation.Require(false, $"{field}.task_id", $"no task '{reference.TaskId}' in Directives");
                    return null;
                }
                var report = reports.Reports.FirstOrDefault(r => r.ReportId == reference.ReportId
                    && r.ReporterUnitCode.Length > 0 && Caller.IsWithin(r.ReporterUnitCode, agencyCode));
                if (report is null)
                {
                    validation.Require(false, $"{field}.report_id", $"task '{reference.TaskId}' has no progress report '{reference.ReportId}'");
                    return null;
                }
                return new Evidence
                {
                    AssessmentId = assessmentId, CriterionCode = criterionCode, Ordinal = ordinal, Kind = EvidenceKind.TaskReport,
                    TaskId = report.TaskId, ReportId = report.ReportId, Title = Truncate($"{report.Percent}%: {report.Text}"),
                };
            default:
                validation.Require(false, $"{field}.kind", "must be EVIDENCE_KIND_DOCUMENT or EVIDENCE_KIND_TASK_REPORT");
                return null;
        }
    }

    private static bool Has(string value, string field, Validation validation)
    {
        validation.Require(value.Length is > 0 and <= 64, field, "is required (at most 64 characters)");
        return value.Length is > 0 and <= 64;
    }

    /// <summary>The answer, or null when Directives says there is no such thing.</summary>
    private static async Task<T?> CallAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Directives could not check the evidence ({ex.StatusCode}); try again."));
        }
    }

    private static string Truncate(string text) => text.Length <= 600 ? text : text[..600];
}
