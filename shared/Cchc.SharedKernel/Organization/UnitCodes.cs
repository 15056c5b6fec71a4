using System.Text.RegularExpressions;

namespace Cchc.SharedKernel.Organization;

/// <summary>
/// Unit codes as the organisation registry gives them ("QT.SKHCN.VP"): upper-case letters and digits in
/// dot-separated parts, each extending its parent's, so unit scope is a prefix test everywhere.
/// </summary>
public static partial class UnitCodes
{
    public const int MaxLength = 64;

    public static bool IsValid(string code) => code.Length <= MaxLength && Pattern().IsMatch(code);

    [GeneratedRegex("^[A-Z0-9]+(\\.[A-Z0-9]+)*$")]
    private static partial Regex Pattern();
}
