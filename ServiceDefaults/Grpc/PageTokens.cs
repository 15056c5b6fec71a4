using System.Text;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>
/// Opaque page tokens (AIP-158) that carry the last key of the previous page, so paging stays
/// stable while rows are inserted.
/// </summary>
public static class PageTokens
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public static string Encode(string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("k:" + lastKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Returns the key after which the page starts, or null for the first page.</summary>
    public static string? Decode(string? token, string field = "page_token")
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (text.StartsWith("k:", StringComparison.Ordinal))
            {
                return text[2..];
            }
        }
        catch (FormatException)
        {
        }
        throw RpcErrors.InvalidArgument(new FieldViolation(field, "is not a token returned by a previous call"));
    }

    public static int Size(int requested, string field = "page_size")
    {
        if (requested < 0)
        {
            throw RpcErrors.InvalidArgument(new FieldViolation(field, "must not be negative"));
        }
        return requested == 0 ? DefaultPageSize : Math.Min(requested, MaxPageSize);
    }
}
