using System.Text.RegularExpressions;
using Cchc.SharedKernel.Text;

namespace Cchc.Directives.Domain.Documents;

/// <summary>
/// What a printed symbol (số, ký hiệu) says. Party documents print the number joined to the type by
/// a hyphen ("35-CT/TU": number 35, chỉ thị, Tỉnh ủy) and restart numbering each committee term;
/// State documents print "836/SKHCN-VP" and restart each calendar year.
/// </summary>
public static partial class DocumentSymbol
{
    public const int MaxLength = 100;

    /// <summary>A symbol that starts with its number; "/SKHCN-VP" is a draft still waiting for one.</summary>
    public static bool IsNumbered(string symbol) => symbol.Length > 0 && char.IsAsciiDigit(symbol.TrimStart()[0]);

    public static bool IsPartyStyle(string symbol) => PartyPattern().IsMatch(VietnameseText.SymbolKey(symbol));

    /// <summary>The period within which a number is unique: the term for Party documents, else the issue year.</summary>
    public static string NumberingPeriod(string term, PartialDate issued) => term.Length > 0 ? term : issued.Year.ToString("D4");

    [GeneratedRegex(@"^\d+-[A-Z]+/[A-Z0-9-]+$")]
    private static partial Regex PartyPattern();
}
