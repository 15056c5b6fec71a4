namespace Cchc.Dossiers.Records;

/// <summary>
/// One unit whose officials see a dossier: every unit on the path of its receiving unit, its current unit and, while it
/// is away on an inter-agency transfer, the unit that sent it ("QT.SKHCN.MC" gives "QT", "QT.SKHCN" and "QT.SKHCN.MC").
/// A unit's listing is then one ordered range of the key (unit, dossier), however many sub-units it has and however
/// few of the province's dossiers are its own. Kept by the database itself (trigger <c>dossiers_scope_units</c>, migration
/// <c>DossierScopeUnits</c>) whenever a dossier is stored or one of those three units changes, so no code path and no
/// repair in SQL can leave it behind; the service only reads it.
/// </summary>
public sealed class DossierScopeUnit
{
    public required string UnitCode { get; init; }
    public long DossierId { get; init; }
}
