using System.Security.Cryptography;
using System.Text;

namespace Cchc.Dossiers.Domain.Codes;

/// <summary>The short secret printed on the receipt so a citizen can look up a dossier without logging in.</summary>
public static class LookupSecret
{
    public const int Length = 8;

    // Citizens read the secret off paper and type it back; 0/O, 1/I/L are dropped because they are confused.
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Ordinal, case-sensitive comparison whose timing does not reveal how many leading characters matched.</summary>
    public static bool FixedTimeEquals(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
    }
}
