using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Procedures;

namespace Cchc.Dossiers.Records;

/// <summary>One administrative-procedure dossier (hồ sơ TTHC) as stored; instants are UTC.</summary>
public sealed class Dossier
{
    public long Id { get; init; }
    public required string Code { get; init; }
    public Guid RequestId { get; init; }
    public required string RequestFingerprint { get; init; }

    public required string ProcedureCode { get; init; }
    public int ProcedureVersion { get; init; }
    // Settable so an intake can hand back the procedure it read untracked once its dossier is saved (IntakeBatcher).
    public Procedure Procedure { get; set; } = null!;

    public required string AgencyCode { get; init; }
    public required string ReceivingUnitCode { get; init; }
    public required string CurrentUnitCode { get; set; }
    /// <summary>While the dossier is away on an inter-agency transfer: the agency it is with.</summary>
    public string? TransferredToAgencyCode { get; set; }
    /// <summary>While the dossier is away on an inter-agency transfer: the unit that sent it, which keeps sight of it.</summary>
    public string? TransferredFromUnitCode { get; set; }
    public IntakeChannel Channel { get; init; }

    public ApplicantKind ApplicantKind { get; init; }
    public required string ApplicantIdentityNumber { get; init; }
    public required string ApplicantName { get; init; }
    public required string ApplicantPhone { get; init; }
    public string ApplicantEmail { get; init; } = "";
    public required string ApplicantAddress { get; init; }
    public List<DossierPaper> Papers { get; init; } = [];
    /// <summary>Paper lines with a digitised copy, and those of them reused from earlier dossiers (kept by <see cref="RecountPapers"/>).</summary>
    public int PapersDigitised { get; set; }
    public int PapersReused { get; set; }
    /// <summary>The electronic result (kết quả điện tử), once attached.</summary>
    public Guid? ResultDocumentId { get; set; }
    /// <summary>Whether the fees were paid online (DuocThanhToanTrucTuyen); null while no payment is recorded.</summary>
    public bool? PaidOnline { get; set; }
    /// <summary>When the applicant rated the dossier, and how overall; the rating itself is a record of its own.</summary>
    public DateTimeOffset? RatedAt { get; set; }
    public Ratings.SatisfactionLevel? RatingOverall { get; set; }

    public DossierStatus Status { get; set; }
    /// <summary>Bumped by every change; the etag is made from it.</summary>
    public int Version { get; set; }

    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public DateTimeOffset LegalStart { get; set; }
    /// <summary>The appointment (ngày hẹn trả): moved by supplement pauses and by apology letters.</summary>
    public DateTimeOffset DueAt { get; set; }
    /// <summary>
    /// The deadline the statutory time gives, moved only by supplement pauses. The on-time judgement
    /// uses it: an apology letter gives the applicant a new appointment, it does not make a late dossier on time.
    /// </summary>
    public DateTimeOffset LegalDueAt { get; set; }
    /// <summary>
    /// The appointment or a deadline of the dossier was counted over a year without an official holiday
    /// schedule (the Labour Code's holidays were used). Stays set once set: entering the schedule later
    /// recomputes nothing, the dates given are the legal record.
    /// </summary>
    public bool CalendarProvisional { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public int SupplementRequestCount { get; set; }
    public string SupplementRequirements { get; set; } = "";
    public string LastReason { get; set; } = "";
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The appointment the procedure's target time gives, moved by supplement pauses like the appointment; null without a target.</summary>
    public DateTimeOffset? TargetDueAt { get; set; }
    /// <summary>Working minutes the dossier has waited for supplements, in total.</summary>
    public int PausedWorkingMinutes { get; set; }
    /// <summary>Working minutes from the legal start to the finish, supplement pauses excluded; set once finished.</summary>
    public int? ProcessingWorkingMinutes { get; set; }

    // The step the current unit is on, for the next row of the process-control ledger.
    public DateTimeOffset CurrentStepStartedAt { get; set; }
    public int CurrentStepAllowanceMinutes { get; set; }
    public int CurrentStepPausedMinutes { get; set; }

    public required string LookupSecretHash { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Etag => DossierEtag.Of(Version);

    /// <summary>
    /// When the dossier stopped counting for the on-time judgement: its finish, or while it waits
    /// for the applicant's supplement, the request itself (Quyết định 766, indicator 2.1).
    /// </summary>
    public bool IsOnTime(DateTimeOffset now) =>
        Cchc.SharedKernel.ServiceIndex.OnTimeRule.IsOnTime(LegalDueAt, FinishedAt, PausedAt, SupplementRequestCount, now);

    public bool ResultElectronic => ResultDocumentId is not null;

    /// <summary>Keeps the paper counts, which statistics and the 766 index read, in step with the paper lines.</summary>
    public void RecountPapers()
    {
        PapersDigitised = Papers.Count(p => p.DigitisedDocumentId is not null);
        PapersReused = Papers.Count(p => p.Reused);
    }

    /// <summary>Whether the dossier is within the procedure's target time, judged like <see cref="IsOnTime"/>; null without a target.</summary>
    public bool? IsWithinTarget(DateTimeOffset now) =>
        TargetDueAt is { } target ? (FinishedAt ?? PausedAt ?? now) <= target : null;
}

public sealed class DossierPaper
{
    public required string Name { get; init; }
    public PaperKind Kind { get; init; }
    public int Count { get; init; }
    /// <summary>The component code, or empty.</summary>
    public string Code { get; init; } = "";
    /// <summary>The digitised copy of this paper, once there is one.</summary>
    public Guid? DigitisedDocumentId { get; set; }
    /// <summary>The copy was digitised for the applicant before this dossier, so the paper was not asked for again.</summary>
    public bool Reused { get; set; }
}

/// <summary>Mirrors <c>cchc.dossiers.v1.IntakeChannel</c>; the numbers are the national KenhThucHien codes.</summary>
public enum IntakeChannel
{
    InPerson = 1,
    Online = 2,
    Post = 3,
}

/// <summary>Mirrors <c>cchc.dossiers.v1.ApplicantKind</c>.</summary>
public enum ApplicantKind
{
    Person = 1,
    Organization = 2,
}

/// <summary>Mirrors <c>cchc.dossiers.v1.PaperKind</c>.</summary>
public enum PaperKind
{
    Original = 1,
    Copy = 2,
    Electronic = 3,
}

/// <summary>AIP-154 etags: opaque to callers, the dossier's version to us.</summary>
public static class DossierEtag
{
    public static string Of(int version) => $"v{version}";
}
