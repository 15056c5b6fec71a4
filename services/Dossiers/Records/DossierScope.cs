using Cchc.ServiceDefaults.Security;

namespace Cchc.Dossiers.Records;

/// <summary>
/// Which dossiers an official sees and acts on: those received at, or held by, a unit within the
/// official's scope. The desk keeps sight of what it received while the processing units hold it,
/// and a unit that sent a dossier to another agency keeps sight of it until it comes back. Lists and statistics
/// apply the same rule in SQL through the units the database keeps for each dossier (<see cref="DossierScopeUnit"/>).
/// </summary>
public static class DossierScope
{
    public static bool CanSee(Caller caller, Dossier dossier) =>
        caller.CanAccessUnit(dossier.ReceivingUnitCode) || caller.CanAccessUnit(dossier.CurrentUnitCode)
        || (dossier.TransferredFromUnitCode is { } sender && caller.CanAccessUnit(sender));
}
