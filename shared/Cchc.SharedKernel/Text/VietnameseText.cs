using System.Globalization;
using System.Text;

namespace Cchc.SharedKernel.Text;

/// <summary>
/// Vietnamese text without its diacritics, the way people type it when they skip them and the way an
/// SMS is sent (one GSM-7 part holds 160 characters, UCS-2 only 70): tone and vowel marks removed and
/// "đ" as "d" — a letter of its own that Unicode does not decompose, and that PostgreSQL's
/// <c>unaccent</c> misses in some setups, so it is done here. Composed (NFC) and decomposed (NFD) input
/// give the same answer, always composed.
/// </summary>
public static class VietnameseText
{
    /// <summary>
    /// Lower-case and without diacritics, for search and uniqueness keys (on write and on query alike):
    /// "Quy định 37-QĐ/TW" is "quy dinh 37-qd/tw".
    /// </summary>
    public static string Fold(string? text) => Strip(text, lowerCase: true);

    /// <summary>Without diacritics, case kept: "Sở Khoa học — Đà Nẵng" is "So Khoa hoc — Da Nang".</summary>
    public static string WithoutDiacritics(string? text) => Strip(text, lowerCase: false);

    /// <summary>
    /// A document symbol as a search and uniqueness key: folded, upper-case, without spaces, so
    /// "21- KL/TW" (as one source prints it) equals "21-KL/TW" and "37-QĐ/TW" is found by "37-qd".
    /// </summary>
    public static string SymbolKey(string? symbol) =>
        new(Fold(symbol).Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());

    private static string Strip(string? text, bool lowerCase)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var stripped = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue;
                default:
                    var plain = c switch
                    {
                        'đ' or 'ð' => 'd',
                        'Đ' or 'Ð' => 'D',
                        _ => c,
                    };
                    stripped.Append(lowerCase ? char.ToLowerInvariant(plain) : plain);
                    break;
            }
        }
        return stripped.ToString().Normalize(NormalizationForm.FormC);
    }
}
