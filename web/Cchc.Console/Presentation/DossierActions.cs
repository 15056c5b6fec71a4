using Cchc.Dossiers.V1;

namespace Cchc.Console.Presentation;

/// <summary>
/// Which of the actions the lifecycle allows now (the dossier's <c>allowed_actions</c>) this official's
/// roles may take, and what each needs (docs/dossiers.md, Actions). The service decides; this only
/// keeps buttons the official could not use off the screen.
/// </summary>
public static class DossierActions
{
    private static readonly Dictionary<DossierAction, string[]> RolesFor = new()
    {
        [DossierAction.Receive] = ["desk_officer"],
        [DossierAction.Refuse] = ["desk_officer"],
        [DossierAction.StartProcessing] = ["desk_officer", "processing_officer", "unit_head"],
        [DossierAction.RequestSupplement] = ["processing_officer", "unit_head", "desk_officer"],
        [DossierAction.SupplementProvided] = ["desk_officer", "processing_officer", "unit_head"],
        [DossierAction.RequestPayment] = ["processing_officer", "unit_head"],
        [DossierAction.PaymentConfirmed] = ["desk_officer", "processing_officer", "unit_head"],
        [DossierAction.RequestWithdrawal] = ["desk_officer"],
        [DossierAction.Stop] = ["unit_head"],
        [DossierAction.TransferOut] = ["processing_officer", "unit_head"],
        [DossierAction.TransferBack] = ["processing_officer", "unit_head"],
        [DossierAction.CompleteResult] = ["processing_officer", "unit_head"],
        [DossierAction.ReturnResult] = ["desk_officer"],
    };

    /// <summary>The actions to offer, in the order the lifecycle lists them.</summary>
    public static IReadOnlyList<DossierAction> Offered(Dossier dossier, IReadOnlyCollection<string> roles) =>
        [.. dossier.AllowedActions
            .Where(a => RolesFor.TryGetValue(a, out var allowed) && allowed.Any(roles.Contains))
            // The desk asks for a supplement only as guidance on an online submission it has not received.
            .Where(a => a != DossierAction.RequestSupplement || dossier.Status == DossierStatus.Submitted || roles.Any(r => r != "desk_officer" && RolesFor[a].Contains(r)))
            .Distinct()];

    public static bool NeedsReason(DossierAction action) => action is DossierAction.Refuse or DossierAction.RequestSupplement or DossierAction.Stop;
    public static bool NeedsSupplementRequirements(DossierAction action) => action == DossierAction.RequestSupplement;
    public static bool NamesNextUnit(DossierAction action) => action is DossierAction.StartProcessing or DossierAction.TransferOut or DossierAction.TransferBack;
    public static bool NextUnitRequired(DossierAction action) => action == DossierAction.TransferOut;

    /// <summary>A dossier the agency is processing (2, 4 or 6) may get an apology-and-new-appointment letter.</summary>
    public static bool MayApologise(Dossier dossier) =>
        dossier.Status is DossierStatus.Received or DossierStatus.InProgress or DossierStatus.AwaitingPayment;
}
