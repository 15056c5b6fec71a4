using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.ServiceDefaults.Security;
using static Cchc.Dossiers.Domain.Lifecycle.DossierAction;

namespace Cchc.Dossiers.Lifecycle;

/// <summary>
/// Which role takes which action (docs/dossiers.md, "Dossier actions"): the one-stop desk receives, refuses,
/// hands over to the processing unit and returns the result; processing officers and unit heads
/// process; only a unit head stops a dossier.
/// </summary>
public static class ActionPermissions
{
    private static readonly Dictionary<DossierAction, string[]> ByAction = new()
    {
        [Receive] = [Roles.DeskOfficer],
        [Refuse] = [Roles.DeskOfficer],
        [StartProcessing] = [Roles.DeskOfficer, Roles.ProcessingOfficer, Roles.UnitHead],
        [RequestSupplement] = [Roles.ProcessingOfficer, Roles.UnitHead],
        [SupplementProvided] = [Roles.DeskOfficer, Roles.ProcessingOfficer, Roles.UnitHead],
        [RequestPayment] = [Roles.ProcessingOfficer, Roles.UnitHead],
        [PaymentConfirmed] = [Roles.DeskOfficer, Roles.ProcessingOfficer, Roles.UnitHead],
        [RequestWithdrawal] = [Roles.DeskOfficer],
        [Stop] = [Roles.UnitHead],
        [CompleteResult] = [Roles.ProcessingOfficer, Roles.UnitHead],
        [ReturnResult] = [Roles.DeskOfficer],
        [TransferOut] = [Roles.ProcessingOfficer, Roles.UnitHead],
        [TransferBack] = [Roles.ProcessingOfficer, Roles.UnitHead],
        [TransferToAgency] = [Roles.ProcessingOfficer, Roles.UnitHead],
        [ReturnFromAgency] = [Roles.ProcessingOfficer, Roles.UnitHead],
    };

    public static IReadOnlyList<string> RolesFor(DossierAction action, DossierStatus from) =>
        // The desk's one-time guidance on an online submission it has not received yet (Mẫu 02).
        action == RequestSupplement && from == DossierStatus.Submitted ? [Roles.DeskOfficer] : ByAction[action];

    public static bool Allows(Caller caller, DossierAction action, DossierStatus from) =>
        RolesFor(action, from).Any(caller.IsIn);
}
