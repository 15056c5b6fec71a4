using Cchc.Dossiers.Apologies;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using IntakeChannel = Cchc.Dossiers.Records.IntakeChannel;

namespace Cchc.Dossiers.Records;

public sealed class DossierGrpcService(IntakeHandler intake, TransitionHandler transitions, ApologyLetterHandler apologies, DossierReader reader)
    : DossierService.DossierServiceBase
{
    private const string Officials = $"{Roles.DeskOfficer},{Roles.ProcessingOfficer},{Roles.UnitHead}";

    // The desk receives in person and by post; the portal submits online dossiers as an integrator.
    [Authorize(Roles = $"{Roles.DeskOfficer},{Roles.Integrator}")]
    public override async Task<ReceiveDossierResponse> ReceiveDossier(ReceiveDossierRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var intakeRequest = IntakeRequest.Parse(request, caller);
        if (caller.IsIn(Roles.DeskOfficer))
        {
            if (!caller.CanAccessUnit(intakeRequest.ReceivingUnitCode))
            {
                throw DossierErrors.PermissionDenied("UNIT_OUT_OF_SCOPE",
                    $"Unit {intakeRequest.ReceivingUnitCode} is outside your scope ({caller.ScopeUnit ?? "none"}); a desk receives for its own unit.");
            }
        }
        else if (intakeRequest.Channel != IntakeChannel.Online)
        {
            throw DossierErrors.PermissionDenied("ONLINE_ONLY", "An integrator submits ONLINE dossiers only; paper dossiers are received at the desk.");
        }

        var received = await intake.ReceiveAsync(intakeRequest, caller, context.CancellationToken);
        return new ReceiveDossierResponse { Receipt = DossierContracts.ToReceipt(received.Dossier, received.LookupSecret) };
    }

    [Authorize(Roles = Roles.AnyOfficial)]
    public override async Task<GetDossierResponse> GetDossier(GetDossierRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.DossierCode, "dossier_code", 100).ThrowIfInvalid();
        return new GetDossierResponse { Dossier = await reader.GetAsync(request.DossierCode, context.GetCaller(), context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyOfficial)]
    public override async Task<ListDossiersResponse> ListDossiers(ListDossiersRequest request, ServerCallContext context) =>
        await reader.ListAsync(request, context.GetCaller(), context.CancellationToken);

    // Which of these roles takes which action is decided per action (ActionPermissions).
    [Authorize(Roles = Officials)]
    public override async Task<ApplyDossierActionResponse> ApplyDossierAction(ApplyDossierActionRequest request, ServerCallContext context)
    {
        var action = DossierContracts.ToDomain(request.Action);
        var validation = new Validation()
            .RequireText(request.DossierCode, "dossier_code", 100)
            .RequireText(request.Etag, "etag", 32)
            .Require(action is not null, "action", "must be one of the DossierAction values")
            .Require(action is not (Domain.Lifecycle.DossierAction.TransferToAgency or Domain.Lifecycle.DossierAction.ReturnFromAgency), "action",
                "an inter-agency transfer goes through TransferToAgency and ReturnFromAgency, which record it")
            .Require(!request.PaidOnline || action == Domain.Lifecycle.DossierAction.PaymentConfirmed, "paid_online", "is for PAYMENT_CONFIRMED only");
        var needsReason = action is Domain.Lifecycle.DossierAction.Refuse or Domain.Lifecycle.DossierAction.RequestSupplement or Domain.Lifecycle.DossierAction.Stop;
        if (needsReason)
        {
            validation.RequireText(request.Reason, "reason", 2000);
        }
        else
        {
            validation.Require(request.Reason.Length <= 2000, "reason", "must be at most 2000 characters");
        }
        if (action == Domain.Lifecycle.DossierAction.RequestSupplement)
        {
            validation.RequireText(request.SupplementRequirements, "supplement_requirements", 4000);
        }
        if (action == Domain.Lifecycle.DossierAction.TransferOut)
        {
            validation.RequireText(request.NextUnitCode, "next_unit_code", 64);
        }
        validation
            .Require(request.NextUnitCode.Length <= 64 && !request.NextUnitCode.Any(char.IsWhiteSpace), "next_unit_code",
                "must be a unit code of at most 64 characters without spaces");
        var allowance = StepAllowance(request.StepAllowance, validation);
        validation.ThrowIfInvalid();

        var input = new ActionInput(action!.Value, request.Reason.Trim(), request.SupplementRequirements.Trim(),
            request.NextUnitCode.Length > 0 ? request.NextUnitCode : null, allowance, PaidOnline: request.PaidOnline);
        var changed = await transitions.ApplyAsync(request.DossierCode, request.Etag, input, context.GetCaller(), context.CancellationToken);
        return new ApplyDossierActionResponse { Dossier = await reader.ViewAsync(changed, context.CancellationToken) };
    }

    // The unit processing the dossier drafts the letter; leadership signs it.
    [Authorize(Roles = $"{Roles.Leadership},{Roles.ProcessingOfficer},{Roles.UnitHead}")]
    public override async Task<IssueApologyLetterResponse> IssueApologyLetter(IssueApologyLetterRequest request, ServerCallContext context)
    {
        var hasDate = DateOnly.TryParseExact(request.NewAppointmentDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var newDate);
        new Validation()
            .RequireText(request.DossierCode, "dossier_code", 100)
            .RequireText(request.Etag, "etag", 32)
            .RequireText(request.Reason, "reason", 2000)
            .Require(hasDate, "new_appointment_date", "must be a date as YYYY-MM-DD, e.g. \"2026-06-19\"")
            .RequireText(request.AgencyName, "agency_name", 300)
            .RequireText(request.SignerName, "signer_name", 200)
            .RequireText(request.SignerTitle, "signer_title", 300)
            .ThrowIfInvalid();

        var (dossier, letter) = await apologies.IssueAsync(new ApologyRequest(
            request.DossierCode, request.Etag, request.Reason.Trim(), newDate, request.AgencyName.Trim(), request.SignerName.Trim(), request.SignerTitle.Trim()),
            context.GetCaller(), context.CancellationToken);
        return new IssueApologyLetterResponse
        {
            Letter = DossierContracts.ToContract(letter),
            Dossier = await reader.ViewAsync(dossier, context.CancellationToken),
        };
    }

    // The unit holding the dossier sends it; the other agency's officials (or the sender) bring it back.
    [Authorize(Roles = $"{Roles.ProcessingOfficer},{Roles.UnitHead}")]
    public override async Task<TransferToAgencyResponse> TransferToAgency(TransferToAgencyRequest request, ServerCallContext context)
    {
        var validation = new Validation()
            .RequireText(request.DossierCode, "dossier_code", 100)
            .RequireText(request.Etag, "etag", 32)
            .RequireText(request.ToAgencyCode, "to_agency_code", 64)
            .Require(!request.ToAgencyCode.Any(char.IsWhiteSpace), "to_agency_code", "must not contain spaces")
            .Require(request.ToUnitCode.Length == 0 || (request.ToUnitCode.Length <= 64 && Caller.IsWithin(request.ToUnitCode, request.ToAgencyCode)),
                "to_unit_code", $"must be agency {request.ToAgencyCode} or one of its units, or empty")
            .RequireText(request.Purpose, "purpose", 2000);
        Domain.Calendar.StatutoryDuration? allowance = null;
        if (request.Allowance is { } given)
        {
            var amount = Procedures.StatutoryTimes.Parse(given, "allowance", validation);
            validation.Require(given.Unit is V1.DurationUnit.WorkingHours or V1.DurationUnit.WorkingDays, "allowance.unit", "must be WORKING_HOURS or WORKING_DAYS")
                .Require(amount > 0, "allowance.amount", "must be more than 0");
            if (validation.IsValid)
            {
                allowance = Procedures.StatutoryTimes.ToDuration(amount, (Procedures.StatutoryUnit)given.Unit);
            }
        }
        validation.ThrowIfInvalid();

        var input = new ActionInput(Domain.Lifecycle.DossierAction.TransferToAgency, request.Purpose.Trim(), "",
            request.ToUnitCode.Length > 0 ? request.ToUnitCode : null, null,
            new AgencyTransferInput(request.ToAgencyCode, allowance, null, ""));
        var changed = await transitions.ApplyAsync(request.DossierCode, request.Etag, input, context.GetCaller(), context.CancellationToken);
        var view = await reader.ViewAsync(changed, context.CancellationToken);
        return new TransferToAgencyResponse { Transfer = view.AgencyTransfers[^1], Dossier = view };
    }

    [Authorize(Roles = $"{Roles.ProcessingOfficer},{Roles.UnitHead}")]
    public override async Task<ReturnFromAgencyResponse> ReturnFromAgency(ReturnFromAgencyRequest request, ServerCallContext context)
    {
        var validation = new Validation()
            .RequireText(request.DossierCode, "dossier_code", 100)
            .RequireText(request.Etag, "etag", 32)
            .Require(request.Outcome is V1.AgencyTransferOutcome.Completed or V1.AgencyTransferOutcome.Refused, "outcome", "must be COMPLETED or REFUSED")
            .Require(request.OutcomeNote.Length <= 2000, "outcome_note", "must be at most 2000 characters");
        if (request.Outcome == V1.AgencyTransferOutcome.Refused)
        {
            validation.RequireText(request.OutcomeNote, "outcome_note", 2000);
        }
        var allowance = StepAllowance(request.StepAllowance, validation);
        validation.ThrowIfInvalid();

        var input = new ActionInput(Domain.Lifecycle.DossierAction.ReturnFromAgency, request.OutcomeNote.Trim(), "", null, allowance,
            new AgencyTransferInput("", null, (Lifecycle.AgencyTransferOutcome)request.Outcome, request.OutcomeNote.Trim()));
        var changed = await transitions.ApplyAsync(request.DossierCode, request.Etag, input, context.GetCaller(), context.CancellationToken);
        var view = await reader.ViewAsync(changed, context.CancellationToken);
        return new ReturnFromAgencyResponse { Transfer = view.AgencyTransfers[^1], Dossier = view };
    }

    /// <summary>A step allowance as working time in whole minutes, or null when none is given.</summary>
    private static TimeSpan? StepAllowance(Google.Protobuf.WellKnownTypes.Duration? given, Validation validation)
    {
        if (given is null)
        {
            return null;
        }
        var valid = given.Nanos == 0 && given.Seconds > 0 && given.Seconds <= TimeSpan.FromDays(3650).TotalSeconds && given.Seconds % 60 == 0;
        validation.Require(valid, "step_allowance", "must be a positive number of whole minutes of working time, e.g. \"28800s\" for one working day");
        return valid ? given.ToTimeSpan() : null;
    }
}
