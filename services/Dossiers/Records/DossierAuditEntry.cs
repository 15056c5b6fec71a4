using System.Text.Json;
using Cchc.ServiceDefaults.Security;

namespace Cchc.Dossiers.Records;

/// <summary>
/// One change to a dossier: who, when, why, and the dossier's state before and after as JSON.
/// Append-only: the code only inserts, and a database trigger refuses updates and deletes.
/// </summary>
public sealed class DossierAuditEntry
{
    public long Id { get; init; }
    public long DossierId { get; init; }
    /// <summary><c>Intake</c> or the name of the lifecycle action.</summary>
    public required string Action { get; init; }
    public required string ActorSubject { get; init; }
    public required string ActorName { get; init; }
    /// <summary>The caller's roles, comma-separated.</summary>
    public required string ActorRoles { get; init; }
    public DateTimeOffset At { get; init; }
    public string Reason { get; init; } = "";
    /// <summary>Null for the intake, which has no before.</summary>
    public string? Before { get; init; }
    public required string After { get; init; }

    public static DossierAuditEntry Record(Dossier dossier, string action, Caller caller, DateTimeOffset at, string reason, DossierSnapshot? before) => new()
    {
        DossierId = dossier.Id,
        Action = action,
        ActorSubject = caller.Subject,
        ActorName = caller.Name,
        ActorRoles = string.Join(",", caller.Roles.Order(StringComparer.Ordinal)),
        At = at,
        Reason = reason,
        Before = before is null ? null : JsonSerializer.Serialize(before, DossierSnapshot.Json),
        After = JsonSerializer.Serialize(DossierSnapshot.Of(dossier), DossierSnapshot.Json),
    };
}

/// <summary>The state of a dossier that actions change, as the audit trail records it.</summary>
public sealed record DossierSnapshot(
    string Code,
    int Version,
    int Status,
    string StatusName,
    string CurrentUnitCode,
    string? TransferredToAgencyCode,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset LegalStart,
    DateTimeOffset DueAt,
    DateTimeOffset LegalDueAt,
    DateTimeOffset? PausedAt,
    int SupplementRequestCount,
    string SupplementRequirements,
    string LastReason,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? TargetDueAt,
    int? ProcessingWorkingMinutes,
    IReadOnlyList<Guid?> PaperDocumentIds,
    Guid? ResultDocumentId,
    bool? PaidOnline,
    DateTimeOffset? RatedAt,
    string? RatingOverall)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DossierSnapshot Of(Dossier d) => new(
        d.Code, d.Version, (int)d.Status, Domain.Lifecycle.DossierStatusExtensions.NationalName(d.Status), d.CurrentUnitCode, d.TransferredToAgencyCode,
        d.ReceivedAt, d.LegalStart, d.DueAt, d.LegalDueAt, d.PausedAt, d.SupplementRequestCount, d.SupplementRequirements,
        d.LastReason, d.FinishedAt, d.TargetDueAt, d.ProcessingWorkingMinutes,
        d.Papers.Select(p => p.DigitisedDocumentId).ToList(), d.ResultDocumentId, d.PaidOnline, d.RatedAt, d.RatingOverall?.ToString());
}
