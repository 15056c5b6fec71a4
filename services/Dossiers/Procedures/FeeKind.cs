namespace Cchc.Dossiers.Procedures;

/// <summary>Mirrors <c>cchc.dossiers.v1.FeeKind</c>.</summary>
public enum FeeKind
{
    Fee = 1,
    Charge = 2,
}
