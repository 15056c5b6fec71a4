using System.Globalization;
using System.Text;

namespace Cchc.Directives.Search;

/// <summary>
/// Vietnamese text folded the way people type it when they skip the diacritics: lower-case, tone
/// and vowel marks removed, "đ" as "d" (a letter of its own that Unicode does not decompose, and
/// that PostgreSQL's <c>unaccent</c> misses in some setups, so folding is done here, on write and
/// on query alike).
/// </summary>
public static class VietnameseText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue;
                default:
                    folded.Append(c switch
                    {
                        'đ' or 'Đ' or 'ð' or 'Ð' => 'd',
                        _ => char.ToLowerInvariant(c),
                    });
                    break;
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// A document symbol as a search and uniqueness key: folded, upper-case, without spaces, so
    /// "21- KL/TW" (as one source prints it) equals "21-KL/TW" and "37-QĐ/TW" is found by "37-qd".
    /// </summary>
    public static string SymbolKey(string? symbol) =>
        new(Fold(symbol).Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());
}
