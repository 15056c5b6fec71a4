using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>
/// Text a request may not carry whatever the RPC: the NUL character (U+0000), which PostgreSQL refuses
/// in every text column, so that it is a clear INVALID_ARGUMENT on the field and never a fault later.
/// </summary>
public static class RequestText
{
    public const string NulRule = "must not contain the NUL character (U+0000)";

    /// <summary>The proto path of the first string field holding a NUL (e.g. <c>papers[2].name</c>), or null.</summary>
    public static string? FirstNul(IMessage message) => Walk(message, "", depth: 0);

    private static string? Walk(IMessage message, string prefix, int depth)
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
            string? found = null;
            if (field.IsMap && value is IDictionary map)
            {
                foreach (DictionaryEntry entry in map)
                {
                    var at = $"{path}[{entry.Key}]";
                    found = entry.Key is string key && key.Contains('\0') ? path
                        : Check(entry.Value, at, depth);
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

    private static string? Check(object? value, string path, int depth) => value switch
    {
        string text => text.Contains('\0') ? path : null,
        IMessage inner => Walk(inner, path, depth + 1),
        _ => null,
    };
}
