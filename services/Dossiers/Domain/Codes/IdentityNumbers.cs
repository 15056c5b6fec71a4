using System.Text.RegularExpressions;

namespace Cchc.Dossiers.Domain.Codes;

/// <summary>Shape checks for identifiers that appear on dossiers; they do not prove the number was issued.</summary>
public static partial class IdentityNumbers
{
    // [0-9] and \z instead of \d and $: .NET's \d accepts any Unicode digit and $ accepts a trailing newline.
    [GeneratedRegex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CitizenIdRegex();

    [GeneratedRegex(@"^[0-9]{10}(-[0-9]{3})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex TaxCodeRegex();

    [GeneratedRegex(@"^[0-9]\.[0-9]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProcedureCodeRegex();

    /// <summary>12-digit citizen identity card number (số CCCD / số định danh cá nhân).</summary>
    public static bool IsValidCitizenId(string? value) => value is not null && CitizenIdRegex().IsMatch(value);

    /// <summary>Tax code (mã số thuế): 10 digits, or 10 digits, a hyphen and a 3-digit branch suffix.</summary>
    public static bool IsValidTaxCode(string? value) => value is not null && TaxCodeRegex().IsMatch(value);

    /// <summary>National procedure code (mã TTHC) such as 1.001612.</summary>
    public static bool IsValidProcedureCode(string? value) => value is not null && ProcedureCodeRegex().IsMatch(value);
}
