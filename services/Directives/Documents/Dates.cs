using Cchc.ServiceDefaults.Grpc;

namespace Cchc.Directives.Documents;

/// <summary>Calendar days on the wire: "YYYY-MM-DD".</summary>
public static class Dates
{
    public const string Format = "yyyy-MM-dd";

    public static DateOnly? Parse(string text, string field, Validation validation, bool required)
    {
        if (text.Length == 0)
        {
            validation.Require(!required, field, "is required");
            return null;
        }
        if (DateOnly.TryParseExact(text, Format, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }
        validation.Require(false, field, "must be a date such as 2026-03-31");
        return null;
    }
}
