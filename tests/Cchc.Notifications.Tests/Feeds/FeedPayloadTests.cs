using System.Text.Json.Nodes;
using Cchc.ChangeFeeds;
using Cchc.Notifications.Messages;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Notifications.Tests;

/// <summary>
/// A feed change's payload is taken from its <c>Struct</c> directly (<c>shared/Cchc.ChangeFeeds/FeedPayloads.cs</c>, used by <c>Feeds/FeedConsumer.cs</c>): it must be the object
/// protobuf's JSON text of the <c>Struct</c> parses to, field for field and value for value as templates read them.
/// </summary>
public sealed class FeedPayloadTests
{
    private static Struct Sample()
    {
        var papers = new ListValue();
        papers.Values.Add(Value.ForStruct(new Struct { Fields = { ["name"] = Value.ForString("Đơn đề nghị \"cấp\" <bản sao>"), ["count"] = Value.ForNumber(2) } }));
        papers.Values.Add(Value.ForNull());
        papers.Values.Add(Value.ForString("\u0001 tab\t and emoji 😀"));
        return new Struct
        {
            Fields =
            {
                ["dossier_code"] = Value.ForString("QT.SKHCN-261206-0001"),
                ["status"] = Value.ForNumber(2),
                ["rank_drop"] = Value.ForNumber(-8),
                ["ratio"] = Value.ForNumber(0.1),
                ["tiny"] = Value.ForNumber(1e-7),
                ["big"] = Value.ForNumber(1e21),
                ["precise"] = Value.ForNumber(1.0000000000000002),
                ["minus_zero"] = Value.ForNumber(-0.0),
                ["below_the_limit"] = Value.ForNumber(999_999_999_999_999),
                ["paid_online"] = Value.ForBool(true),
                ["calendar_provisional"] = Value.ForBool(false),
                ["transferred_from_unit_code"] = Value.ForNull(),
                ["empty"] = Value.ForString(""),
                ["papers"] = Value.ForList([.. papers.Values]),
                ["applicant"] = Value.ForStruct(new Struct { Fields = { ["name"] = Value.ForString("Nguyễn Văn A"), ["nested"] = Value.ForStruct(new Struct()) } }),
                ["no_items"] = Value.ForList(),
            },
        };
    }

    [Fact]
    public void The_payload_is_the_object_protobufs_JSON_text_of_the_struct_parses_to()
    {
        var payload = Sample();
        var viaText = JsonNode.Parse(JsonFormatter.Default.Format(payload))!.AsObject();

        var direct = FeedPayloads.ToJson(payload);

        Assert.Equal(viaText.ToJsonString(), direct.ToJsonString());
        Assert.True(JsonNode.DeepEquals(viaText, direct));
        Assert.Equal(EventValues.From(viaText), EventValues.From(direct));
        Assert.Equal("2", EventValues.From(direct)["status"]);
        Assert.Equal("", EventValues.From(direct)["transferred_from_unit_code"]);
    }

    [Fact]
    public void No_payload_is_an_empty_object_and_a_value_without_a_kind_is_refused()
    {
        Assert.Empty(FeedPayloads.ToJson(null));
        Assert.Throws<InvalidOperationException>(() => FeedPayloads.ToJson(new Struct { Fields = { ["x"] = new Value() } }));
    }
}
