using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.ChangeFeeds;

/// <summary>
/// An event's payload between the JSON it is stored as and the <c>Struct</c> every feed's contract carries: a feed
/// reads it into its <c>Struct</c> (<see cref="ToStruct"/>), a consumer takes it back into JSON (<see cref="ToJson"/>).
/// </summary>
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

    /// <summary>
    /// The object protobuf's JSON form of <paramref name="payload"/> parses to, built from the <c>Struct</c> without
    /// writing and parsing that text (but for a number that is not a whole one, rare in a payload).
    /// </summary>
    public static JsonObject ToJson(Struct? payload)
    {
        var json = new JsonObject();
        if (payload is not null)
        {
            foreach (var (key, value) in payload.Fields)
            {
                json[key] = NodeOf(value);
            }
        }
        return json;
    }

    private static JsonNode? NodeOf(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => JsonValue.Create(value.StringValue),
        // A whole number below 10^15 is written as an integer either way; any other (and -0) keeps protobuf's own text ("1e-07").
        Value.KindOneofCase.NumberValue => double.IsInteger(value.NumberValue) && Math.Abs(value.NumberValue) < 1e15
                && !(value.NumberValue == 0 && double.IsNegative(value.NumberValue))
            ? JsonValue.Create((long)value.NumberValue)
            : JsonNode.Parse(Google.Protobuf.JsonFormatter.Default.Format(value)),
        Value.KindOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        Value.KindOneofCase.StructValue => ToJson(value.StructValue),
        Value.KindOneofCase.ListValue => new JsonArray([.. value.ListValue.Values.Select(NodeOf)]),
        Value.KindOneofCase.NullValue => null,
        _ => throw new InvalidOperationException("A payload value must have a kind."),
    };
}
