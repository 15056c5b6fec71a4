using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.Records;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Lifecycle;

/// <summary>What the caller gave with an action.</summary>
public sealed record ActionInput(
    DossierAction Action, string Reason, string SupplementRequirements, string? NextUnitCode, TimeSpan? StepAllowance,
    AgencyTransferInput? Agency = null, bool PaidOnline = false);

/// <summary>
/// What TransferToAgency and ReturnFromAgency give besides the action: the other agency, what for and
/// its allowance (null: the time left until the appointment); then the outcome on return.
/// </summary>
public sealed record AgencyTransferInput(string ToAgencyCode, StatutoryDuration? Allowance, AgencyTransferOutcome? Outcome, string OutcomeNote);

/// <summary>The ledger row of a hand-over.</summary>
public sealed record HandOver(string FromUnitCode, string ToUnitCode, DateTimeOffset StepStartedAt, int AllowanceMinutes, int UsedMinutes, StepOutcome Outcome);

/// <summary>What an action did besides moving the status.</summary>
public sealed record TransitionEffects(DossierStatus From, DossierStatus To, HandOver? HandOver, int? PausedMinutes, DateTimeOffset? PreviousDueAt);

/// <summary>
/// What each lifecycle action does to a dossier: the legal clock, the supplement pause and the
/// steps of the process-control sheet. Working time is the calendar's; instants are stored in UTC
/// and computed in Vietnam time.
/// </summary>
public sealed class DossierTransitions(AppointmentCalculator calculator, IntakePolicy policy, StatutoryDuration statutoryTime, StatutoryDuration? targetTime = null,
    Procedure? procedure = null)
{
    /// <summary>The transitions of a dossier of <paramref name="procedure"/>'s version.</summary>
    public static DossierTransitions For(AppointmentCalculator calculator, IntakePolicy policy, Procedure procedure) => new(
        calculator, policy,
        StatutoryTimes.ToDuration(procedure.StatutoryAmount, procedure.StatutoryUnit),
        procedure.TargetAmount is { } target ? StatutoryTimes.ToDuration(target, procedure.StatutoryUnit) : null,
        procedure);

    /// <summary>
    /// Starts the legal clock at <paramref name="at"/>: the legal start and appointment, and the
    /// desk's step, which lasts until the end of the working day the clock starts on (same-day
    /// transfer, or the next working day for a receipt after the cut-off).
    /// </summary>
    public void StartClock(Dossier dossier, DateTimeOffset at)
    {
        var cutoff = procedure?.AfternoonCutoff ?? ProcedureCutoff.AgencyPolicy;
        var appointment = calculator.Compute(VietnamTime.ToLocal(at), statutoryTime, policy, cutoff);
        dossier.LegalStart = Utc(appointment.LegalStart);
        dossier.DueAt = Utc(appointment.DueAt);
        dossier.LegalDueAt = dossier.DueAt;
        dossier.CalendarProvisional |= appointment.Provisional;
        // The target is cut from the statutory time: the same procedure, so the same cut-off rule.
        dossier.TargetDueAt = targetTime is { } target
            ? Utc(calculator.Compute(VietnamTime.ToLocal(at), target, policy, policy.CutoffAppliesTo(statutoryTime, cutoff) ? ProcedureCutoff.Applies : ProcedureCutoff.DoesNotApply).DueAt)
            : null;
        // A paper dossier received after the cut-off goes to the processing unit on the next working day
        // (chuyển ngay trong ngày; sau 15 giờ thì đầu giờ ngày làm việc tiếp theo — Nghị định 61/2018, Điều 18,
        // as the research notes cite it, unverified against Nghị định 118/2025), whatever the procedure: the
        // desk's step lasts until the end of that day. An online one moves at once.
        var deskDay = DateOnly.FromDateTime(appointment.LegalStart);
        if (dossier.Channel != IntakeChannel.Online && deskDay == DateOnly.FromDateTime(appointment.ReceivedAt)
            && TimeOnly.FromDateTime(appointment.ReceivedAt) >= policy.AfternoonCutoff)
        {
            deskDay = calculator.NextWorkingDay(deskDay);
        }
        var deskDeadline = deskDay.ToDateTime(policy.Hours.AfternoonEnd);
        StartStep(dossier, at, WholeMinutes(calculator.WorkingTimeBetween(appointment.ReceivedAt, deskDeadline, policy.Hours)));
    }

    public TransitionEffects Apply(Dossier dossier, DossierStatus to, ActionInput input, DateTimeOffset now)
    {
        var from = dossier.Status;
        HandOver? handOver = null;
        int? pausedMinutes = null;
        DateTimeOffset? previousDue = null;

        switch (input.Action)
        {
            case DossierAction.Receive:
                dossier.ReceivedAt = now;
                StartClock(dossier, now);
                break;
            case DossierAction.Refuse:
            case DossierAction.Stop:
                Finish(dossier, now);
                break;
            case DossierAction.RequestSupplement:
                dossier.PausedAt = now;
                // The desk's guidance before it receives an online submission is not a request on a
                // received dossier: the legal clock has not started, so it cannot count against the agency.
                if (dossier.ReceivedAt is not null)
                {
                    dossier.SupplementRequestCount++;
                }
                dossier.SupplementRequirements = input.SupplementRequirements;
                break;
            case DossierAction.SupplementProvided when dossier.ReceivedAt is null:
                // The desk's guidance came before it received the online dossier: the legal clock
                // starts only now that the dossier is complete, and the lifecycle goes straight to
                // processing, so the desk hands it over at once.
                dossier.PausedAt = null;
                dossier.ReceivedAt = now;
                StartClock(dossier, now);
                handOver = HandOverTo(dossier, input.NextUnitCode!, input.StepAllowance, now);
                break;
            case DossierAction.SupplementProvided:
                var pausedAt = dossier.PausedAt ?? now;
                previousDue = dossier.DueAt;
                dossier.DueAt = Utc(calculator.ShiftForPause(Local(dossier.DueAt), Local(pausedAt), Local(now), policy));
                dossier.LegalDueAt = Utc(calculator.ShiftForPause(Local(dossier.LegalDueAt), Local(pausedAt), Local(now), policy));
                if (dossier.TargetDueAt is { } targetDue)
                {
                    dossier.TargetDueAt = Utc(calculator.ShiftForPause(Local(targetDue), Local(pausedAt), Local(now), policy));
                }
                dossier.CalendarProvisional |= calculator.IsProvisional(Local(pausedAt), Local(dossier.DueAt))
                    || calculator.IsProvisional(Local(pausedAt), Local(dossier.LegalDueAt));
                pausedMinutes = WholeMinutes(calculator.WorkingTimeBetween(Local(pausedAt), Local(now), policy.Hours));
                dossier.CurrentStepPausedMinutes += pausedMinutes.Value;
                dossier.PausedWorkingMinutes += pausedMinutes.Value;
                dossier.PausedAt = null;
                break;
            case DossierAction.StartProcessing:
            case DossierAction.TransferOut:
            case DossierAction.TransferBack:
            case DossierAction.TransferToAgency:
            case DossierAction.ReturnFromAgency:
                handOver = HandOverTo(dossier, input.NextUnitCode!, input.StepAllowance, now);
                break;
            case DossierAction.PaymentConfirmed:
                // Indicator 3.6 of the 766 index counts a dossier any of whose payments was made online.
                dossier.PaidOnline = (dossier.PaidOnline ?? false) || input.PaidOnline;
                break;
            case DossierAction.CompleteResult:
                Finish(dossier, now);
                handOver = HandOverTo(dossier, dossier.ReceivingUnitCode, input.StepAllowance, now);
                break;
            case DossierAction.ReturnResult:
                handOver = Judge(dossier, "", now);
                break;
        }

        if (input.Reason.Length > 0)
        {
            dossier.LastReason = input.Reason;
        }
        dossier.Status = to;
        return new TransitionEffects(from, to, handOver, pausedMinutes, previousDue);
    }

    /// <summary>
    /// The working time <paramref name="allowance"/> gives from <paramref name="from"/>, counted on the
    /// calendar like an appointment, and when it ends. A transfer to another office after the afternoon
    /// cut-off counts from the next working day (the paper-transfer rule), whatever the procedure.
    /// </summary>
    public (TimeSpan WorkingTime, DateTimeOffset EndsAt, bool Provisional) AllowanceFrom(DateTimeOffset from, StatutoryDuration allowance)
    {
        var ends = calculator.Compute(Local(from), allowance, policy, ProcedureCutoff.Applies);
        return (TimeSpan.FromMinutes(WholeMinutes(calculator.WorkingTimeBetween(Local(from), ends.DueAt, policy.Hours))), Utc(ends.DueAt), ends.Provisional);
    }

    /// <summary>Stops the dossier's clock for good: its finish and the working time it took (actual time, for the target).</summary>
    private void Finish(Dossier dossier, DateTimeOffset now)
    {
        if (dossier.FinishedAt is not null)
        {
            return;
        }
        dossier.FinishedAt = now;
        var worked = WholeMinutes(calculator.WorkingTimeBetween(Local(dossier.LegalStart), Local(now), policy.Hours));
        dossier.ProcessingWorkingMinutes = Math.Max(0, worked - dossier.PausedWorkingMinutes);
    }

    private HandOver HandOverTo(Dossier dossier, string toUnitCode, TimeSpan? allowance, DateTimeOffset now)
    {
        var handOver = Judge(dossier, toUnitCode, now);
        dossier.CurrentUnitCode = toUnitCode;
        var untilDue = WholeMinutes(calculator.WorkingTimeBetween(Local(now), Local(dossier.DueAt), policy.Hours));
        StartStep(dossier, now, allowance is { } given ? WholeMinutes(given) : ProcessAllowance(toUnitCode) is { } planned ? Math.Min(planned, untilDue) : untilDue);
        return handOver;
    }

    /// <summary>
    /// The allowance the procedure's internal process gives the unit a dossier is handed to, in working
    /// minutes: its step's time when the statutory time is counted in working hours or days (never past
    /// the appointment); null when the process has no step for the unit or counts calendar time.
    /// </summary>
    private int? ProcessAllowance(string toUnitCode)
    {
        if (procedure is null || procedure.StatutoryUnit is not (StatutoryUnit.WorkingHours or StatutoryUnit.WorkingDays))
        {
            return null;
        }
        var step = procedure.ProcessSteps.FirstOrDefault(s => s.UnitCode == toUnitCode)
            ?? (toUnitCode == procedure.ProcessingUnitCode ? procedure.ProcessSteps.FirstOrDefault(s => s.UnitCode.Length == 0) : null);
        if (step is null || step.Allowance <= 0)
        {
            return null;
        }
        var minutes = procedure.StatutoryUnit == StatutoryUnit.WorkingHours
            ? step.Allowance * 60
            : step.Allowance * (decimal)policy.Hours.DailyLength.TotalMinutes;
        return (int)Math.Min(int.MaxValue, Math.Floor(minutes));
    }

    private HandOver Judge(Dossier dossier, string toUnitCode, DateTimeOffset now)
    {
        var worked = WholeMinutes(calculator.WorkingTimeBetween(Local(dossier.CurrentStepStartedAt), Local(now), policy.Hours));
        var used = Math.Max(0, worked - dossier.CurrentStepPausedMinutes);
        var outcome = StepOutcomes.Judge(TimeSpan.FromMinutes(dossier.CurrentStepAllowanceMinutes), TimeSpan.FromMinutes(used));
        return new HandOver(dossier.CurrentUnitCode, toUnitCode, dossier.CurrentStepStartedAt, dossier.CurrentStepAllowanceMinutes, used, outcome);
    }

    private static void StartStep(Dossier dossier, DateTimeOffset at, int allowanceMinutes)
    {
        dossier.CurrentStepStartedAt = at;
        dossier.CurrentStepAllowanceMinutes = allowanceMinutes;
        dossier.CurrentStepPausedMinutes = 0;
    }

    private static int WholeMinutes(TimeSpan time) => (int)Math.Min(int.MaxValue, Math.Floor(time.TotalMinutes));

    private static DateTime Local(DateTimeOffset instant) => VietnamTime.ToLocal(instant);

    private static DateTimeOffset Utc(DateTime local) => VietnamTime.FromLocal(local).ToUniversalTime();
}
