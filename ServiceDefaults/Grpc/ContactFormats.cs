using System.Text.RegularExpressions;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>The phone numbers and e-mail addresses every service accepts (applicants, officials, recipients).</summary>
public static partial class ContactFormats
{
    public const string PhoneRule = "must be a Vietnamese phone number such as 0912345678 or +84912345678";
    public const string EmailRule = "must be an e-mail address such as ten@example.vn";

    public static bool IsPhone(string value) => PhonePattern().IsMatch(value);

    public static bool IsEmail(string value) => value.Length <= 254 && EmailPattern().IsMatch(value);

    /// <summary>An optional phone number: empty, or a valid one.</summary>
    public static Validation RequireOptionalPhone(this Validation validation, string value, string field) =>
        validation.Require(value.Length == 0 || IsPhone(value), field, PhoneRule + ", or empty");

    /// <summary>An optional e-mail address: empty, or a valid one.</summary>
    public static Validation RequireOptionalEmail(this Validation validation, string value, string field) =>
        validation.Require(value.Length == 0 || IsEmail(value), field, EmailRule + ", or empty");

    [GeneratedRegex(@"^(0|\+84)[0-9]{9,10}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
