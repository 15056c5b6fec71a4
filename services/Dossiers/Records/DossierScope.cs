using System.Linq.Expressions;
using Cchc.ServiceDefaults.Security;

namespace Cchc.Dossiers.Records;

/// <summary>
/// Which dossiers an official sees and acts on: those received at, or held by, a unit within the
/// official's scope. The desk keeps sight of what it received while the processing units hold it,
/// and a unit that sent a dossier to another agency keeps sight of it until it comes back.
/// </summary>
public static class DossierScope
{
    public static bool CanSee(Caller caller, Dossier dossier) =>
        caller.CanAccessUnit(dossier.ReceivingUnitCode) || caller.CanAccessUnit(dossier.CurrentUnitCode)
        || (dossier.TransferredFromUnitCode is { } sender && caller.CanAccessUnit(sender));

    /// <summary>The same rule as a query filter for one scope unit (its sub-units included).</summary>
    public static Expression<Func<Dossier, bool>> Within(string unitCode)
    {
        var subUnits = unitCode + ".";
        return d => d.ReceivingUnitCode == unitCode || d.ReceivingUnitCode.StartsWith(subUnits)
                    || d.CurrentUnitCode == unitCode || d.CurrentUnitCode.StartsWith(subUnits)
                    || d.TransferredFromUnitCode == unitCode || d.TransferredFromUnitCode!.StartsWith(subUnits);
    }
}
