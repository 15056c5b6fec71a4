using Cchc.Dossiers.Apologies;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.Procedures;
using Cchc.SharedKernel.Calendar;
using Cchc.SharedKernel.Organization;
using Google.Protobuf.WellKnownTypes;
using Action = Cchc.Dossiers.Domain.Lifecycle.DossierAction;
using Contract = Cchc.Dossiers.V1;

namespace Cchc.Dossiers.Records;

/// <summary>The records kept beside a dossier: its process-control ledger, apology letters, inter-agency transfers and rating.</summary>
public sealed record DossierHistory(
    IReadOnlyList<DossierStep> Steps, IReadOnlyList<ApologyLetter> ApologyLetters, IReadOnlyList<AgencyTransfer> AgencyTransfers, Ratings.DossierRating? Rating);

/// <summary>Stored dossiers as the contract shows them.</summary>
public static class DossierContracts
{
    public static Contract.DossierAction ToContract(Action action) => action switch
    {
        Action.Receive => Contract.DossierAction.Receive,
        Action.Refuse => Contract.DossierAction.Refuse,
        Action.StartProcessing => Contract.DossierAction.StartProcessing,
        Action.RequestSupplement => Contract.DossierAction.RequestSupplement,
        Action.SupplementProvided => Contract.DossierAction.SupplementProvided,
        Action.RequestPayment => Contract.DossierAction.RequestPayment,
        Action.PaymentConfirmed => Contract.DossierAction.PaymentConfirmed,
        Action.RequestWithdrawal => Contract.DossierAction.RequestWithdrawal,
        Action.Stop => Contract.DossierAction.Stop,
        Action.CompleteResult => Contract.DossierAction.CompleteResult,
        Action.ReturnResult => Contract.DossierAction.ReturnResult,
        Action.TransferOut => Contract.DossierAction.TransferOut,
        Action.TransferBack => Contract.DossierAction.TransferBack,
        Action.TransferToAgency => Contract.DossierAction.TransferToAgency,
        Action.ReturnFromAgency => Contract.DossierAction.ReturnFromAgency,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown dossier action."),
    };

    public static Action? ToDomain(Contract.DossierAction action) =>
        System.Enum.GetValues<Action>().Cast<Action?>().FirstOrDefault(a => ToContract(a!.Value) == action);

    public static Contract.StepOutcome ToContract(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Early => Contract.StepOutcome.Early,
        StepOutcome.OnTime => Contract.StepOutcome.OnTime,
        StepOutcome.Late => Contract.StepOutcome.Late,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown step outcome."),
    };

    // The contract's numbers are the national codes, like the stored ones.
    public static Contract.DossierStatus ToContract(DossierStatus status) => (Contract.DossierStatus)status.NationalCode();

    public static Contract.DossierReceipt ToReceipt(Dossier d, string lookupSecret)
    {
        var receivedAt = d.ReceivedAt ?? d.SubmittedAt;
        var receipt = new Contract.DossierReceipt
        {
            DossierCode = d.Code,
            Status = ToContract(d.Status),
            StatusName = d.Status.NationalName(),
            ReceivedAt = Timestamp.FromDateTimeOffset(receivedAt),
            LegalStart = Timestamp.FromDateTimeOffset(d.LegalStart),
            DueAt = Timestamp.FromDateTimeOffset(d.DueAt),
            ReceivedAtLocal = Local(receivedAt),
            LegalStartLocal = Local(d.LegalStart),
            DueAtLocal = Local(d.DueAt),
            LookupSecret = lookupSecret,
            ProcedureCode = d.ProcedureCode,
            ProcedureVersion = d.ProcedureVersion,
            ProcedureName = d.Procedure.Name,
            StatutoryTime = StatutoryTimes.ToContract(d.Procedure.StatutoryAmount, d.Procedure.StatutoryUnit),
            Etag = d.Etag,
        };
        receipt.Papers.AddRange(d.Papers.Select(ToContract));
        return receipt;
    }

    public static Contract.Dossier ToContract(Dossier d, DossierHistory history, DateTimeOffset now)
    {
        var steps = history.Steps;
        var dossier = new Contract.Dossier
        {
            Code = d.Code,
            Etag = d.Etag,
            Status = ToContract(d.Status),
            StatusName = d.Status.NationalName(),
            ProcedureCode = d.ProcedureCode,
            ProcedureVersion = d.ProcedureVersion,
            ProcedureName = d.Procedure.Name,
            StatutoryTime = StatutoryTimes.ToContract(d.Procedure.StatutoryAmount, d.Procedure.StatutoryUnit),
            AgencyCode = d.AgencyCode,
            ReceivingUnitCode = d.ReceivingUnitCode,
            CurrentUnitCode = d.CurrentUnitCode,
            Channel = (Contract.IntakeChannel)d.Channel,
            Applicant = new Contract.Applicant
            {
                Kind = (Contract.ApplicantKind)d.ApplicantKind,
                IdentityNumber = d.ApplicantIdentityNumber,
                Name = d.ApplicantName,
                Phone = d.ApplicantPhone,
                Email = d.ApplicantEmail,
                Address = d.ApplicantAddress,
            },
            SubmittedAt = Timestamp.FromDateTimeOffset(d.SubmittedAt),
            ReceivedAt = Optional(d.ReceivedAt),
            LegalStart = Timestamp.FromDateTimeOffset(d.LegalStart),
            DueAt = Timestamp.FromDateTimeOffset(d.DueAt),
            DueAtLocal = Local(d.DueAt),
            PausedAt = Optional(d.PausedAt),
            SupplementRequestCount = d.SupplementRequestCount,
            SupplementRequirements = d.SupplementRequirements,
            LastReason = d.LastReason,
            FinishedAt = Optional(d.FinishedAt),
            OnTime = d.IsOnTime(now),
            UpdateTime = Timestamp.FromDateTimeOffset(d.UpdatedAt),
            TargetDueAt = Optional(d.TargetDueAt),
            LegalDueAt = Timestamp.FromDateTimeOffset(d.LegalDueAt),
            CalendarProvisional = d.CalendarProvisional,
            ProcessingTime = d.ProcessingWorkingMinutes is { } minutes ? Duration.FromTimeSpan(TimeSpan.FromMinutes(minutes)) : null,
        };
        if (d.IsWithinTarget(now) is { } withinTarget)
        {
            dossier.WithinTarget = withinTarget;
        }
        dossier.Papers.AddRange(d.Papers.Select(ToContract));
        dossier.Steps.AddRange(steps.Select(ToContract));
        dossier.ApologyLetters.AddRange(history.ApologyLetters.Select(ToContract));
        dossier.AgencyTransfers.AddRange(history.AgencyTransfers.Select(ToContract));
        dossier.TransferredToAgencyCode = d.TransferredToAgencyCode ?? "";
        dossier.PapersDigitised = d.PapersDigitised;
        dossier.PapersReused = d.PapersReused;
        dossier.ResultElectronic = d.ResultElectronic;
        dossier.ResultDocumentId = d.ResultDocumentId?.ToString() ?? "";
        if (d.PaidOnline is { } paidOnline)
        {
            dossier.PaidOnline = paidOnline;
        }
        dossier.Rating = history.Rating is { } rating ? ToContract(rating) : null;
        dossier.LateUnitCodes.AddRange(steps.Where(s => s.Outcome == StepOutcome.Late).Select(s => s.FromUnitCode).Distinct());
        // While the dossier is with another agency only its return applies, and only then.
        dossier.AllowedActions.AddRange(DossierStateMachine.AllowedActions(d.Status)
            .Where(a => d.TransferredToAgencyCode is null ? a != Action.ReturnFromAgency : a == Action.ReturnFromAgency)
            .Select(ToContract));
        return dossier;
    }

    public static Contract.DossierSummary ToSummary(DossierSummaryRow d, string procedureName, DateTimeOffset now)
    {
        var summary = new Contract.DossierSummary
        {
            Code = d.Code,
            Etag = DossierEtag.Of(d.Version),
            Status = ToContract(d.Status),
            StatusName = d.Status.NationalName(),
            ProcedureCode = d.ProcedureCode,
            ProcedureName = procedureName,
            ApplicantName = d.ApplicantName,
            ReceivingUnitCode = d.ReceivingUnitCode,
            CurrentUnitCode = d.CurrentUnitCode,
            ReceivedAt = Optional(d.ReceivedAt),
            DueAt = Timestamp.FromDateTimeOffset(d.DueAt),
            OnTime = Cchc.SharedKernel.ServiceIndex.OnTimeRule.IsOnTime(d.LegalDueAt, d.FinishedAt, d.PausedAt, d.SupplementRequestCount, now),
            PapersTotal = d.PapersTotal,
            PapersDigitised = d.PapersDigitised,
            PapersReused = d.PapersReused,
            ResultElectronic = d.ResultElectronic,
            Rated = d.Rated,
        };
        if (d.PaidOnline is { } paidOnline)
        {
            summary.PaidOnline = paidOnline;
        }
        return summary;
    }

    public static Contract.DossierRating ToContract(Ratings.DossierRating r)
    {
        var rating = new Contract.DossierRating
        {
            Overall = (Contract.SatisfactionLevel)r.Overall,
            Comment = r.Comment,
            RateTime = Timestamp.FromDateTimeOffset(r.RatedAt),
        };
        rating.Criteria.AddRange(r.Criteria.Select(c => new Contract.CriterionRating
        {
            Criterion = (Contract.RatingCriterion)c.Criterion,
            Level = (Contract.SatisfactionLevel)c.Level,
        }));
        return rating;
    }

    private static Contract.DossierStep ToContract(DossierStep s) => new()
    {
        FromUnitCode = s.FromUnitCode,
        ToUnitCode = s.ToUnitCode,
        Action = ToContract(s.Action),
        HandedOverBy = s.HandedOverBy,
        HandedOverByName = s.HandedOverByName,
        StepStartedAt = Timestamp.FromDateTimeOffset(s.StepStartedAt),
        HandedOverAt = Timestamp.FromDateTimeOffset(s.HandedOverAt),
        Allowance = Duration.FromTimeSpan(TimeSpan.FromMinutes(s.AllowanceMinutes)),
        Used = Duration.FromTimeSpan(TimeSpan.FromMinutes(s.UsedMinutes)),
        Outcome = ToContract(s.Outcome),
    };

    public static Contract.AgencyTransfer ToContract(AgencyTransfer t) => new()
    {
        FromAgencyCode = t.FromAgencyCode,
        FromUnitCode = t.FromUnitCode,
        ToAgencyCode = t.ToAgencyCode,
        ToUnitCode = t.ToUnitCode,
        Purpose = t.Purpose,
        SentAt = Timestamp.FromDateTimeOffset(t.SentAt),
        SentBy = t.SentBy,
        SentByName = t.SentByName,
        Allowance = Duration.FromTimeSpan(TimeSpan.FromMinutes(t.AllowanceMinutes)),
        DueAt = Timestamp.FromDateTimeOffset(t.DueAt),
        ReturnedAt = Optional(t.ReturnedAt),
        ReturnedBy = t.ReturnedBy ?? "",
        ReturnedByName = t.ReturnedByName ?? "",
        Outcome = t.Outcome is { } outcome ? (Contract.AgencyTransferOutcome)outcome : Contract.AgencyTransferOutcome.Unspecified,
        OutcomeNote = t.OutcomeNote,
        Used = t.UsedMinutes is { } used ? Duration.FromTimeSpan(TimeSpan.FromMinutes(used)) : null,
        StepOutcome = t.StepOutcome is { } step ? ToContract(step) : Contract.StepOutcome.Unspecified,
    };

    public static Contract.ApologyLetter ToContract(ApologyLetter l) => new()
    {
        Number = l.Number,
        IssuedAt = Timestamp.FromDateTimeOffset(l.IssuedAt),
        IssuedBy = l.IssuedBy,
        IssuedByName = l.IssuedByName,
        Reason = l.Reason,
        PreviousDueAt = Timestamp.FromDateTimeOffset(l.PreviousDueAt),
        NewDueAt = Timestamp.FromDateTimeOffset(l.NewDueAt),
        PreviousDueAtLocal = Local(l.PreviousDueAt),
        NewDueAtLocal = Local(l.NewDueAt),
        AgencyName = l.AgencyName,
        SignerName = l.SignerName,
        SignerTitle = l.SignerTitle,
        Title = l.Title,
        Text = l.Text,
    };

    private static Contract.Paper ToContract(DossierPaper p) => new()
    {
        Name = p.Name,
        Kind = (Contract.PaperKind)p.Kind,
        Count = p.Count,
        Code = p.Code,
        Digitised = p.DigitisedDocumentId is not null,
        Reused = p.Reused,
        DocumentId = p.DigitisedDocumentId?.ToString() ?? "",
    };

    private static Timestamp? Optional(DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    private static string Local(DateTimeOffset instant) => VietnamTime.ToIso(VietnamTime.ToLocal(instant));
}
