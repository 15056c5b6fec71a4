using System.Text.Json;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.ChangeFeeds;

/// <summary>An event's payload, stored as JSON, as the <c>Struct</c> every feed's contract carries.</summary>
public static class FeedPayloads
{
    /// <summary>
    /// The <c>Struct</c> protobuf's own JSON parser (<c>Struct.Parser.ParseJson</c>) makes of <paramref name="json"/>, an
    /// object, read with System.Text.Json: the same fields and values (a number as the nearest double) at a fraction
    /// of the cost, paid for every event each consumer reads.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="InvalidOperationException">The JSON is not an object, or a number is out of a double's range.</exception>
    public static Struct ToStruct(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? StructOf(document.RootElement)
            : throw new InvalidOperationException("A feed event's payload must be a JSON object.");
    }

    private static Struct StructOf(JsonElement element)
    {
        var result = new Struct();
        foreach (var property in element.EnumerateObject())
        {
            result.Fields[property.Name] = ValueOf(property.Value);
        }
        return result;
    }

    private static Value ValueOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Value.ForString(element.GetString()),
        JsonValueKind.Number => element.TryGetDouble(out var number) && double.IsFinite(number)
            ? Value.ForNumber(number)
            : throw new InvalidOperationException($"The payload's number {element.GetRawText()} is out of a double's range."),
        JsonValueKind.True => Value.ForBool(true),
        JsonValueKind.False => Value.ForBool(false),
        JsonValueKind.Object => Value.ForStruct(StructOf(element)),
        JsonValueKind.Array => Value.ForList([.. element.EnumerateArray().Select(ValueOf)]),
        _ => Value.ForNull(),
    };
}
