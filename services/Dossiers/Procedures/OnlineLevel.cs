namespace Cchc.Dossiers.Procedures;

/// <summary>Mirrors <c>cchc.dossiers.v1.OnlineLevel</c>.</summary>
public enum OnlineLevel
{
    Unspecified = 0,
    None = 1,
    Partial = 2,
    Full = 3,
}
