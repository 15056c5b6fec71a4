using Cchc.ChangeFeeds;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>A stored payload becomes the contract's <c>Struct</c> as protobuf's own JSON parser would make it.</summary>
public sealed class FeedPayloadsTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"status": 2, "dossier_code": "QT.SKHCN-261206-0001", "on_time": true, "late": false, "note": null}""")]
    [InlineData("""{"ratio": 0.1, "tiny": 1e-7, "big": 1e21, "negative": -8, "precise": 1.0000000000000002, "long": 9007199254740993}""")]
    [InlineData("""{"applicant": {"name": "Nguyễn Văn \"A\"", "nested": {}}, "papers": [{"name": "Đơn\tđề nghị", "count": 2}, null, "\u0001 😀", [], [1, [2]]]}""")]
    [InlineData("""{"escaped": "\u00e1\u1ea1 \/ \\ \b\f\n\r", "empty": ""}""")]
    public void A_payload_is_the_struct_protobufs_parser_makes_of_it(string json)
    {
        var expected = Struct.Parser.ParseJson(json);

        var actual = FeedPayloads.ToStruct(json);

        Assert.Equal(expected, actual);
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    [Theory]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"huge": 1e400}""")]
    public void A_payload_that_is_not_an_object_or_holds_a_number_beyond_a_double_is_refused(string json)
    {
        Assert.Throws<InvalidOperationException>(() => FeedPayloads.ToStruct(json));
    }
}
