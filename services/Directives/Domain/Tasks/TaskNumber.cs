using System.Text;
using System.Text.RegularExpressions;

namespace Cchc.Directives.Domain.Tasks;

/// <summary>
/// An item's number as its document prints it: "1", "3.a", "6.2", "3.đ", "II.1". Items sort as a
/// reader expects: 2 before 10, and letters in Vietnamese alphabetical order (d before đ before e).
/// </summary>
public static partial class TaskNumber
{
    public const int MaxLength = 20;
    private const string Alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

    public static bool IsValid(string number) => number.Length <= MaxLength && Pattern().IsMatch(number);

    public static string SortKey(string number)
    {
        var key = new StringBuilder();
        foreach (var part in number.Split('.'))
        {
            if (key.Length > 0)
            {
                key.Append('.');
            }
            if (part.All(char.IsAsciiDigit))
            {
                key.Append('n').Append(part.TrimStart('0').PadLeft(8, '0'));
                continue;
            }
            key.Append('t');
            foreach (var c in part.Normalize(NormalizationForm.FormC).ToLowerInvariant())
            {
                var index = Alphabet.IndexOf(c);
                key.Append(index >= 0 ? $"{index:D2}" : $"~{(int)c:X4}");
            }
        }
        return key.ToString();
    }

    [GeneratedRegex(@"^[\p{L}\p{N}]+(\.[\p{L}\p{N}]+)*$")]
    private static partial Regex Pattern();
}
