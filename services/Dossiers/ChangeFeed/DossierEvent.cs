namespace Cchc.Dossiers.ChangeFeed;

/// <summary>One event of the change feed (outbox), written in the transaction of the change it describes.</summary>
public sealed class DossierEvent : Cchc.ChangeFeeds.IFeedEvent
{
    /// <summary>Insertion order, taken without a lock; not the feed's order (see <see cref="Cchc.ChangeFeeds.CommitOrderedSequence"/>).</summary>
    public long Id { get; init; }
    /// <summary>The feed's order, given once the event's transaction has committed; null until then.</summary>
    public long? Sequence { get; init; }
    public required string Type { get; init; }
    public required string DossierCode { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>A JSON object.</summary>
    public required string Payload { get; init; }
}

/// <summary>The event types consumers can rely on.</summary>
public static class DossierEventTypes
{
    public const string Received = "dossier.received";
    public const string Submitted = "dossier.submitted";
    public const string StatusChanged = "dossier.status_changed";
    public const string HandedOver = "dossier.handed_over";
    public const string SupplementRequested = "dossier.supplement_requested";
    public const string SupplementProvided = "dossier.supplement_provided";
    public const string ApologyIssued = "dossier.apology_issued";
    public const string TransferredToAgency = "dossier.transferred_to_agency";
    public const string ReturnedFromAgency = "dossier.returned_from_agency";
    public const string PaperDigitised = "dossier.paper_digitised";
    public const string ResultDigitised = "dossier.result_digitised";
    public const string Rated = "dossier.rated";
    public const string StepDueSoon = "dossier.step_due_soon";
    public const string StepOverdue = "dossier.step_overdue";
    /// <summary>Not about one dossier (its dossier code is empty): the coming year still has no official schedule.</summary>
    public const string CalendarYearProvisional = Calendar.CalendarYearWatch.EventType;
}

/// <summary>An event not yet given its sequence.</summary>
public sealed record PendingEvent(string Type, string DossierCode, DateTimeOffset OccurredAt, object Payload);

/// <summary>Payloads shared by several writers, so one event type has one shape wherever it is written.</summary>
public static class DossierEventPayloads
{
    /// <summary>The payload of <c>dossier.received</c> and <c>dossier.submitted</c>, at intake or when the desk receives an online dossier.</summary>
    public static object Received(Records.Dossier d) => new
    {
        procedureCode = d.ProcedureCode,
        procedureVersion = d.ProcedureVersion,
        agencyCode = d.AgencyCode,
        receivingUnitCode = d.ReceivingUnitCode,
        channel = (int)d.Channel,
        status = (int)d.Status,
        statusName = Domain.Lifecycle.DossierStatusExtensions.NationalName(d.Status),
        receivedAt = d.ReceivedAt,
        legalStart = d.LegalStart,
        dueAt = d.DueAt,
        papersTotal = d.Papers.Count,
        papersDigitised = d.PapersDigitised,
        papersReused = d.PapersReused,
        paidOnline = d.PaidOnline,
        applicantHasEmail = ApplicantHasEmail(d),
        applicantHasPhone = ApplicantHasPhone(d),
        version = d.Version,
    };

    // Whether the applicant can be written to by e-mail or SMS, so a consumer that messages applicants plans
    // only what can be delivered (the address itself stays here: GetApplicantNotice gives it at send time).
    public static bool ApplicantHasEmail(Records.Dossier d) => d.ApplicantEmail.Length > 0;

    public static bool ApplicantHasPhone(Records.Dossier d) => d.ApplicantPhone.Length > 0;

    /// <summary>
    /// The payload of <c>dossier.status_changed</c>: the change, and the dossier's facts the real-time
    /// service index of Quyết định 766 is computed from (online submission, on time with supplement
    /// requests, online payment, digitisation and reuse, electronic result), so a consumer needs no
    /// other read; the terminal status change carries them as final.
    /// </summary>
    public static Dictionary<string, object?> StatusChanged(Records.Dossier d, Domain.Lifecycle.DossierAction action,
        Domain.Lifecycle.DossierStatus from, Domain.Lifecycle.DossierStatus to, string reason, DateTimeOffset now) => new()
    {
        ["action"] = action.ToString(),
        // Consumers filter by agency and unit (e.g. a department's webhook), so every status change names them.
        ["agencyCode"] = d.AgencyCode,
        ["currentUnitCode"] = d.CurrentUnitCode,
        ["fromStatus"] = (int)from,
        ["fromStatusName"] = Domain.Lifecycle.DossierStatusExtensions.NationalName(from),
        ["status"] = (int)to,
        ["statusName"] = Domain.Lifecycle.DossierStatusExtensions.NationalName(to),
        ["reason"] = reason,
        ["procedureCode"] = d.ProcedureCode,
        ["procedureVersion"] = d.ProcedureVersion,
        ["receivingUnitCode"] = d.ReceivingUnitCode,
        ["channel"] = (int)d.Channel,
        ["receivedAt"] = d.ReceivedAt,
        ["legalDueAt"] = d.LegalDueAt,
        ["dueAt"] = d.DueAt,
        ["finishedAt"] = d.FinishedAt,
        ["onTime"] = d.IsOnTime(now),
        ["supplementRequestCount"] = d.SupplementRequestCount,
        ["withinTarget"] = d.IsWithinTarget(now),
        ["processingWorkingMinutes"] = d.ProcessingWorkingMinutes,
        ["papersTotal"] = d.Papers.Count,
        ["papersDigitised"] = d.PapersDigitised,
        ["papersReused"] = d.PapersReused,
        ["resultElectronic"] = d.ResultElectronic,
        ["paidOnline"] = d.PaidOnline,
        ["applicantHasEmail"] = ApplicantHasEmail(d),
        ["applicantHasPhone"] = ApplicantHasPhone(d),
        ["version"] = d.Version,
    };
}
