using System.Text.RegularExpressions;

namespace Cchc.SharedKernel.Contacts;

/// <summary>The phone numbers and e-mail addresses every service accepts (applicants, officials, recipients).</summary>
public static partial class ContactFormats
{
    public const string PhoneRule = "must be a Vietnamese phone number such as 0912345678 or +84912345678";
    public const string EmailRule = "must be an e-mail address such as ten@example.vn";

    public static bool IsPhone(string value) => PhonePattern().IsMatch(value);

    public static bool IsEmail(string value) => value.Length <= 254 && EmailPattern().IsMatch(value);

    [GeneratedRegex(@"^(0|\+84)[0-9]{9,10}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
