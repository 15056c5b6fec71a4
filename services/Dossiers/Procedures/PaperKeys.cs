using System.Text.RegularExpressions;

namespace Cchc.Dossiers.Procedures;

/// <summary>
/// What makes two papers "the same paper" across dossiers, so a digitised one is found again: the
/// component code when there is one, otherwise the name with case and spacing ignored.
/// </summary>
public static partial class PaperKeys
{
    public static string Of(string code, string name) =>
        code.Trim().Length > 0
            ? "code:" + code.Trim().ToUpperInvariant()
            : "name:" + Spaces().Replace(name.Trim(), " ").ToLowerInvariant();

    public static string Of(RequiredPaper paper) => Of(paper.Code, paper.Name);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
