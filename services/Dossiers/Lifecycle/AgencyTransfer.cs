using Cchc.Dossiers.Domain.Lifecycle;

namespace Cchc.Dossiers.Lifecycle;

/// <summary>
/// One inter-agency (liên thông) transfer of a dossier: where it went, what for and with what
/// allowance, then when it came back and with what outcome. The database lets a row be written
/// once and completed once (its return), and refuses anything else.
/// </summary>
public sealed class AgencyTransfer
{
    public long Id { get; init; }
    public long DossierId { get; init; }
    public required string FromAgencyCode { get; init; }
    public required string FromUnitCode { get; init; }
    public required string ToAgencyCode { get; init; }
    public required string ToUnitCode { get; init; }
    public required string Purpose { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public required string SentBy { get; init; }
    public required string SentByName { get; init; }
    public int AllowanceMinutes { get; init; }
    public DateTimeOffset DueAt { get; init; }

    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public string? ReturnedByName { get; set; }
    public AgencyTransferOutcome? Outcome { get; set; }
    public string OutcomeNote { get; set; } = "";
    public int? UsedMinutes { get; set; }
    public StepOutcome? StepOutcome { get; set; }
}

/// <summary>Mirrors <c>cchc.dossiers.v1.AgencyTransferOutcome</c>.</summary>
public enum AgencyTransferOutcome
{
    Completed = 1,
    Refused = 2,
}
