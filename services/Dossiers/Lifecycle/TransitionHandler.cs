using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Lifecycle;

/// <summary>
/// Applies one lifecycle action in one transaction: the dossier, its audit row, the ledger row of
/// a hand-over and the change-feed events commit together, and the public status is replaced
/// before the call returns.
/// </summary>
public sealed class TransitionHandler(DossiersDbContext db, AppointmentScheduler scheduler, PublicStatusCache publicStatus, ServiceClock clock)
{
    public const string ResourceType = DossierLocks.ResourceType;

    public async Task<Dossier> ApplyAsync(string code, string etag, ActionInput input, Caller caller, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var dossier = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var dossier = await DossierLocks.LockAsync(db, code, caller, ct);
            if (!ActionPermissions.Allows(caller, input.Action, dossier.Status))
            {
                throw DossierErrors.PermissionDenied("ACTION_NOT_PERMITTED",
                    $"{input.Action} on a dossier in status {dossier.Status.NationalCode()} is for {string.Join(" or ", ActionPermissions.RolesFor(input.Action, dossier.Status))}.");
            }
            DossierLocks.RequireEtag(dossier, etag);
            if (!DossierStateMachine.TryApply(dossier.Status, input.Action, out var to))
            {
                var allowed = DossierStateMachine.AllowedActions(dossier.Status);
                throw RpcErrors.FailedPrecondition("DOSSIER_STATUS", $"dossiers/{code}",
                    $"{input.Action} is not allowed in status {dossier.Status.NationalCode()} ({dossier.Status.NationalName()}); " +
                    (allowed.Count == 0 ? "the dossier is closed." : $"allowed: {string.Join(", ", allowed)}."));
            }
            RequireAtHomeOrReturning(dossier, input);
            var resolved = input with { NextUnitCode = await NextUnitAsync(dossier, input, ct) };

            var now = clock.UtcNow();
            var before = DossierSnapshot.Of(dossier);
            var calendar = await scheduler.SnapshotAsync(ct);
            var transitions = DossierTransitions.For(new AppointmentCalculator(calendar.Calendar), calendar.PolicyFor(dossier.AgencyCode), dossier.Procedure);
            DateTimeOffset? transferDue = null;
            if (input.Action == DossierAction.TransferToAgency && input.Agency?.Allowance is { } allowance)
            {
                var (workingTime, endsAt, provisional) = transitions.AllowanceFrom(now, allowance);
                // The transfer's deadline is one of the dossier's: counted over a provisional year, the dossier says so.
                dossier.CalendarProvisional |= provisional;
                resolved = resolved with { StepAllowance = workingTime };
                transferDue = endsAt;
            }
            var effects = transitions.Apply(dossier, to, resolved, now);
            dossier.Version++;
            dossier.UpdatedAt = now;
            var transfer = await RecordAgencyTransferAsync(dossier, resolved, effects, caller, now, transferDue, ct);

            db.AuditEntries.Add(DossierAuditEntry.Record(dossier, input.Action.ToString(), caller, now, input.Reason, before));
            if (effects.HandOver is { } handOver)
            {
                db.Steps.Add(new DossierStep
                {
                    DossierId = dossier.Id,
                    FromUnitCode = handOver.FromUnitCode,
                    ToUnitCode = handOver.ToUnitCode,
                    Action = input.Action,
                    HandedOverBy = caller.Subject,
                    HandedOverByName = caller.Name,
                    StepStartedAt = handOver.StepStartedAt,
                    HandedOverAt = now,
                    AllowanceMinutes = handOver.AllowanceMinutes,
                    UsedMinutes = handOver.UsedMinutes,
                    Outcome = handOver.Outcome,
                });
            }
            await db.SaveChangesAsync(ct);
            await ChangeFeedWriter.AppendAsync(db, Events(dossier, input, effects, transfer, now), ct);
            await transaction.CommitAsync(ct);
            return dossier;
        }, cancellationToken);

        await publicStatus.PublishAsync(dossier);
        return dossier;
    }

    /// <summary>
    /// While a dossier is with another agency, only its return applies: its own agency cannot process,
    /// hand over or close what it does not hold.
    /// </summary>
    private static void RequireAtHomeOrReturning(Dossier dossier, ActionInput input)
    {
        var subject = $"dossiers/{dossier.Code}";
        if (dossier.TransferredToAgencyCode is { } away && input.Action != DossierAction.ReturnFromAgency)
        {
            throw RpcErrors.FailedPrecondition("AT_OTHER_AGENCY", subject,
                $"Dossier {dossier.Code} is with agency {away} on an inter-agency transfer; it must come back (ReturnFromAgency) first.");
        }
        if (dossier.TransferredToAgencyCode is null && input.Action == DossierAction.ReturnFromAgency)
        {
            throw RpcErrors.FailedPrecondition("NOT_AT_OTHER_AGENCY", subject,
                $"Dossier {dossier.Code} is not away on an inter-agency transfer.");
        }
        if (input.Action == DossierAction.TransferToAgency)
        {
            var toAgency = input.Agency!.ToAgencyCode;
            new Validation()
                .Require(toAgency != dossier.AgencyCode, "to_agency_code",
                    $"must be another agency than the dossier's own, {dossier.AgencyCode}; inside the agency, hand over with TRANSFER_OUT")
                .ThrowIfInvalid();
        }
    }

    /// <summary>The record of an inter-agency transfer: written when it leaves, completed when it comes back.</summary>
    private async Task<AgencyTransfer?> RecordAgencyTransferAsync(
        Dossier dossier, ActionInput input, TransitionEffects effects, Caller caller, DateTimeOffset now, DateTimeOffset? dueAt, CancellationToken ct)
    {
        switch (input.Action)
        {
            case DossierAction.TransferToAgency:
                var handOver = effects.HandOver!;
                var transfer = new AgencyTransfer
                {
                    DossierId = dossier.Id,
                    FromAgencyCode = dossier.AgencyCode,
                    FromUnitCode = handOver.FromUnitCode,
                    ToAgencyCode = input.Agency!.ToAgencyCode,
                    ToUnitCode = handOver.ToUnitCode,
                    Purpose = input.Reason,
                    SentAt = now,
                    SentBy = caller.Subject,
                    SentByName = caller.Name,
                    AllowanceMinutes = dossier.CurrentStepAllowanceMinutes,
                    DueAt = dueAt ?? dossier.DueAt,
                };
                db.AgencyTransfers.Add(transfer);
                dossier.TransferredToAgencyCode = transfer.ToAgencyCode;
                dossier.TransferredFromUnitCode = transfer.FromUnitCode;
                return transfer;
            case DossierAction.ReturnFromAgency:
                var open = await db.AgencyTransfers
                    .Where(t => t.DossierId == dossier.Id && t.ReturnedAt == null)
                    .OrderByDescending(t => t.Id)
                    .FirstAsync(ct);
                var back = effects.HandOver!;
                open.ReturnedAt = now;
                open.ReturnedBy = caller.Subject;
                open.ReturnedByName = caller.Name;
                open.Outcome = input.Agency!.Outcome;
                open.OutcomeNote = input.Agency.OutcomeNote;
                open.UsedMinutes = back.UsedMinutes;
                open.StepOutcome = back.Outcome;
                dossier.TransferredToAgencyCode = null;
                dossier.TransferredFromUnitCode = null;
                return open;
            default:
                return null;
        }
    }

    private async Task<string?> NextUnitAsync(Dossier dossier, ActionInput input, CancellationToken ct)
    {
        var receivesAndHandsOver = input.Action == DossierAction.SupplementProvided && dossier.ReceivedAt is null;
        string? next = input.Action switch
        {
            DossierAction.StartProcessing => input.NextUnitCode ?? NullIfEmpty(dossier.Procedure.ProcessingUnitCode),
            DossierAction.SupplementProvided when receivesAndHandsOver => input.NextUnitCode ?? NullIfEmpty(dossier.Procedure.ProcessingUnitCode),
            DossierAction.TransferOut => input.NextUnitCode,
            DossierAction.TransferToAgency => input.NextUnitCode ?? input.Agency!.ToAgencyCode,
            // Always back to the unit that sent it.
            DossierAction.ReturnFromAgency => dossier.TransferredFromUnitCode,
            // Back to whoever transferred it to the current unit.
            DossierAction.TransferBack => input.NextUnitCode ?? await db.Steps
                .Where(s => s.DossierId == dossier.Id && s.Action == DossierAction.TransferOut && s.ToUnitCode == dossier.CurrentUnitCode)
                .OrderByDescending(s => s.Id)
                .Select(s => s.FromUnitCode)
                .FirstOrDefaultAsync(ct),
            _ => null,
        };
        if (input.Action is DossierAction.StartProcessing or DossierAction.TransferOut or DossierAction.TransferBack or DossierAction.TransferToAgency
            || receivesAndHandsOver)
        {
            new Validation()
                .Require(next is not null, "next_unit_code", input.Action is DossierAction.StartProcessing or DossierAction.SupplementProvided
                    ? "is required: the procedure names no processing unit"
                    : "is required: no unit to hand the dossier to")
                .Require(next != dossier.CurrentUnitCode, "next_unit_code", $"must be another unit than {dossier.CurrentUnitCode}, which holds the dossier")
                // A hand-over the caller names stays within the dossier's agency; another agency's unit is reached
                // only through TransferToAgency, which records the transfer and keeps the sending unit's sight of it.
                // (A default — the procedure's processing unit, the ledger's sender — is not the caller's choice.)
                .Require(input.NextUnitCode is null || input.Action == DossierAction.TransferToAgency
                    || Caller.IsWithin(input.NextUnitCode, dossier.AgencyCode), "next_unit_code",
                    $"must be a unit of the dossier's agency {dossier.AgencyCode}; hand it to another agency with TransferToAgency")
                .ThrowIfInvalid();
        }
        return next;
    }

    private static List<PendingEvent> Events(Dossier d, ActionInput input, TransitionEffects effects, AgencyTransfer? transfer, DateTimeOffset now)
    {
        var events = new List<PendingEvent>();
        if (effects.From != effects.To)
        {
            events.Add(new PendingEvent(DossierEventTypes.StatusChanged, d.Code, now,
                DossierEventPayloads.StatusChanged(d, input.Action, effects.From, effects.To, input.Reason, now)));
        }
        switch (input.Action)
        {
            case DossierAction.Receive:
                events.Add(new PendingEvent(DossierEventTypes.Received, d.Code, now, DossierEventPayloads.Received(d)));
                break;
            case DossierAction.RequestSupplement:
                events.Add(new PendingEvent(DossierEventTypes.SupplementRequested, d.Code, now, new
                {
                    agencyCode = d.AgencyCode,
                    supplementRequestCount = d.SupplementRequestCount,
                    supplementRequirements = d.SupplementRequirements,
                    pausedAt = d.PausedAt,
                    applicantHasEmail = DossierEventPayloads.ApplicantHasEmail(d),
                    applicantHasPhone = DossierEventPayloads.ApplicantHasPhone(d),
                    version = d.Version,
                }));
                break;
            case DossierAction.SupplementProvided:
                events.Add(new PendingEvent(DossierEventTypes.SupplementProvided, d.Code, now, new
                {
                    agencyCode = d.AgencyCode,
                    previousDueAt = effects.PreviousDueAt,
                    dueAt = d.DueAt,
                    pausedWorkingMinutes = effects.PausedMinutes,
                    version = d.Version,
                }));
                break;
        }
        if (transfer is not null && input.Action == DossierAction.TransferToAgency)
        {
            events.Add(new PendingEvent(DossierEventTypes.TransferredToAgency, d.Code, now, new
            {
                agencyCode = d.AgencyCode,
                fromAgencyCode = transfer.FromAgencyCode,
                fromUnitCode = transfer.FromUnitCode,
                toAgencyCode = transfer.ToAgencyCode,
                toUnitCode = transfer.ToUnitCode,
                purpose = transfer.Purpose,
                allowanceMinutes = transfer.AllowanceMinutes,
                dueAt = transfer.DueAt,
                version = d.Version,
            }));
        }
        if (transfer is not null && input.Action == DossierAction.ReturnFromAgency)
        {
            events.Add(new PendingEvent(DossierEventTypes.ReturnedFromAgency, d.Code, now, new
            {
                agencyCode = d.AgencyCode,
                fromAgencyCode = transfer.ToAgencyCode,
                fromUnitCode = transfer.ToUnitCode,
                toAgencyCode = transfer.FromAgencyCode,
                toUnitCode = transfer.FromUnitCode,
                outcome = transfer.Outcome.ToString(),
                outcomeNote = transfer.OutcomeNote,
                sentAt = transfer.SentAt,
                allowanceMinutes = transfer.AllowanceMinutes,
                usedMinutes = transfer.UsedMinutes,
                stepOutcome = transfer.StepOutcome.ToString(),
                version = d.Version,
            }));
        }
        if (effects.HandOver is { } handOver)
        {
            events.Add(new PendingEvent(DossierEventTypes.HandedOver, d.Code, now, new
            {
                agencyCode = d.AgencyCode,
                action = input.Action.ToString(),
                fromUnitCode = handOver.FromUnitCode,
                toUnitCode = handOver.ToUnitCode,
                stepStartedAt = handOver.StepStartedAt,
                allowanceMinutes = handOver.AllowanceMinutes,
                usedMinutes = handOver.UsedMinutes,
                outcome = handOver.Outcome.ToString(),
                version = d.Version,
            }));
        }
        return events;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
