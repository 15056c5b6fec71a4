namespace Cchc.Dossiers.Procedures;

/// <summary>Mirrors <c>cchc.dossiers.v1.ResultKind</c>; unspecified when the catalogue does not say.</summary>
public enum ResultKind
{
    Unspecified = 0,
    Licence = 1,
    Certificate = 2,
    Confirmation = 3,
    Decision = 4,
    Other = 5,
}
