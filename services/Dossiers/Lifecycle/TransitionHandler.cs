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
public sealed class TransitionHandler(DossiersDbContext db, AppointmentScheduler scheduler, PublicStatusCache publicStatus, DossierClock clock)
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
            var resolved = input with { NextUnitCode = await NextUnitAsync(dossier, input, ct) };

            var now = clock.UtcNow();
            var before = DossierSnapshot.Of(dossier);
            var transitions = DossierTransitions.For(
                new AppointmentCalculator(await scheduler.CurrentCalendarAsync(ct)),
                await scheduler.PolicyForAsync(dossier.AgencyCode, ct),
                dossier.Procedure);
            var effects = transitions.Apply(dossier, to, resolved, now);
            dossier.Version++;
            dossier.UpdatedAt = now;

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
            await ChangeFeedWriter.AppendAsync(db, Events(dossier, input, effects, now), ct);
            await transaction.CommitAsync(ct);
            return dossier;
        }, cancellationToken);

        await publicStatus.PublishAsync(dossier);
        return dossier;
    }

    private async Task<string?> NextUnitAsync(Dossier dossier, ActionInput input, CancellationToken ct)
    {
        var receivesAndHandsOver = input.Action == DossierAction.SupplementProvided && dossier.ReceivedAt is null;
        string? next = input.Action switch
        {
            DossierAction.StartProcessing => input.NextUnitCode ?? NullIfEmpty(dossier.Procedure.ProcessingUnitCode),
            DossierAction.SupplementProvided when receivesAndHandsOver => input.NextUnitCode ?? NullIfEmpty(dossier.Procedure.ProcessingUnitCode),
            DossierAction.TransferOut => input.NextUnitCode,
            // Back to whoever transferred it to the current unit.
            DossierAction.TransferBack => input.NextUnitCode ?? await db.Steps
                .Where(s => s.DossierId == dossier.Id && s.Action == DossierAction.TransferOut && s.ToUnitCode == dossier.CurrentUnitCode)
                .OrderByDescending(s => s.Id)
                .Select(s => s.FromUnitCode)
                .FirstOrDefaultAsync(ct),
            _ => null,
        };
        if (input.Action is DossierAction.StartProcessing or DossierAction.TransferOut or DossierAction.TransferBack || receivesAndHandsOver)
        {
            new Validation()
                .Require(next is not null, "next_unit_code", input.Action is DossierAction.StartProcessing or DossierAction.SupplementProvided
                    ? "is required: the procedure names no processing unit"
                    : "is required: no unit to hand the dossier to")
                .Require(next != dossier.CurrentUnitCode, "next_unit_code", $"must be another unit than {dossier.CurrentUnitCode}, which holds the dossier")
                .ThrowIfInvalid();
        }
        return next;
    }

    private static List<PendingEvent> Events(Dossier d, ActionInput input, TransitionEffects effects, DateTimeOffset now)
    {
        var events = new List<PendingEvent>();
        if (effects.From != effects.To)
        {
            events.Add(new PendingEvent(DossierEventTypes.StatusChanged, d.Code, now, new
            {
                action = input.Action.ToString(),
                // Consumers filter by agency and unit (e.g. a department's webhook), so every status change names them.
                agencyCode = d.AgencyCode,
                currentUnitCode = d.CurrentUnitCode,
                fromStatus = (int)effects.From,
                fromStatusName = effects.From.NationalName(),
                status = (int)effects.To,
                statusName = effects.To.NationalName(),
                reason = input.Reason,
                version = d.Version,
            }));
        }
        switch (input.Action)
        {
            case DossierAction.Receive:
                events.Add(new PendingEvent(DossierEventTypes.Received, d.Code, now, DossierEventPayloads.Received(d)));
                break;
            case DossierAction.RequestSupplement:
                events.Add(new PendingEvent(DossierEventTypes.SupplementRequested, d.Code, now, new
                {
                    supplementRequestCount = d.SupplementRequestCount,
                    supplementRequirements = d.SupplementRequirements,
                    pausedAt = d.PausedAt,
                    version = d.Version,
                }));
                break;
            case DossierAction.SupplementProvided:
                events.Add(new PendingEvent(DossierEventTypes.SupplementProvided, d.Code, now, new
                {
                    previousDueAt = effects.PreviousDueAt,
                    dueAt = d.DueAt,
                    pausedWorkingMinutes = effects.PausedMinutes,
                    version = d.Version,
                }));
                break;
        }
        if (effects.HandOver is { } handOver)
        {
            events.Add(new PendingEvent(DossierEventTypes.HandedOver, d.Code, now, new
            {
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
