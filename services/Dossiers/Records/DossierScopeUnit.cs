namespace Cchc.Dossiers.Records;

/// <summary>
/// One unit whose officials see a dossier: every unit on the path of its receiving unit, its current unit and, while it
/// is away on an inter-agency transfer, the unit that sent it ("QT.SKHCN.MC" gives "QT", "QT.SKHCN" and "QT.SKHCN.MC").
/// The row carries the dossier's status, so a unit's listing of some statuses is one ordered range of the key
/// (unit, status, dossier) per status, however many sub-units the unit has, however few of the province's dossiers are
/// its own and however few of its own have those statuses. Kept by the database itself (triggers
/// <c>dossiers_scope_units_*</c>, migration <c>DossierScopeUnits</c>) whenever a dossier is stored or its status or one
/// of those three units changes, so no code path and no repair in SQL can leave it behind; the service only reads it.
/// </summary>
public sealed class DossierScopeUnit
{
    public required string UnitCode { get; init; }
    public Domain.Lifecycle.DossierStatus Status { get; init; }
    public long DossierId { get; init; }
}
