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

/// <summary>Self-assessments as the contract gives them, and the criteria of a framework a unit scores.</summary>
public static class AssessmentContracts
{
    public const string ResourceType = "cchc.indexes.v1.Assessment";

    /// <summary>The criteria a unit scores: the framework's leaves, in its order.</summary>
    public static List<IndexComponent> Criteria(IndexFramework framework)
    {
        var parents = framework.Components.Where(c => c.ParentCode is not null).Select(c => c.ParentCode!).ToHashSet();
        return framework.Components.Where(c => !parents.Contains(c.Code)).OrderBy(c => c.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
    }

    public static V1.Assessment ToContract(Assessment a, IndexFramework framework)
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

    public static V1.CriterionScore ToContract(IndexComponent criterion, CriterionAssessment? row)
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

    public static decimal? ParseDecimal(string text, string field, Validation validation, bool required)
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

    public static string Format(decimal? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
