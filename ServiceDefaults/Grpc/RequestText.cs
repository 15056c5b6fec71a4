using System.Buffers;
using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>
/// Text a request may not carry whatever the RPC: the NUL character (U+0000), which PostgreSQL refuses
/// in every text column, and the Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF), which Unicode
/// normalisation refuses — so that either is a clear INVALID_ARGUMENT on the field and never a fault later.
/// </summary>
public static class RequestText
{
    public const string NulRule = "must not contain the NUL character (U+0000)";
    public const string NoncharacterRule = "must not contain a Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF)";

    private static readonly SearchValues<char> Unacceptable = SearchValues.Create(
        ['\0', '\uFFFE', '\uFFFF', .. Enumerable.Range(0xFDD0, 0xFDEF - 0xFDD0 + 1).Select(c => (char)c)]);

    /// <summary>The proto path of the first string field holding text no RPC accepts (e.g. <c>papers[2].name</c>), and the rule it breaks; or null.</summary>
    public static (string Field, string Rule)? FirstUnacceptable(IMessage message) => Walk(message, "", depth: 0);

    private static (string Field, string Rule)? Walk(IMessage message, string prefix, int depth)
    {
        // Deeper than any Cchc contract nests; protobuf's own recursion limit guards the parser.
        if (depth > 64)
        {
            return null;
        }
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix.Length == 0 ? field.Name : $"{prefix}.{field.Name}";
            var value = field.Accessor.GetValue(message);
            (string, string)? found = null;
            if (field.IsMap && value is IDictionary map)
            {
                foreach (DictionaryEntry entry in map)
                {
                    found = Check(entry.Key, path, depth) ?? Check(entry.Value, $"{path}[{entry.Key}]", depth);
                    if (found is not null)
                    {
                        break;
                    }
                }
            }
            else if (field.IsRepeated && value is IList list)
            {
                for (var i = 0; i < list.Count && found is null; i++)
                {
                    found = Check(list[i], $"{path}[{i}]", depth);
                }
            }
            else if (field.FieldType is FieldType.String or FieldType.Message)
            {
                found = Check(value, path, depth);
            }
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    private static (string Field, string Rule)? Check(object? value, string path, int depth) => value switch
    {
        string text => text.AsSpan().IndexOfAny(Unacceptable) is var at and >= 0 ? (path, text[at] == '\0' ? NulRule : NoncharacterRule) : null,
        IMessage inner => Walk(inner, path, depth + 1),
        _ => null,
    };
}
