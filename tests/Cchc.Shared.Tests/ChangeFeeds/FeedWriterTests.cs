using System.Text.Json.Nodes;
using Cchc.ChangeFeeds;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>What the three feeds' writers share (<c>shared/Cchc.ChangeFeeds/FeedWriter.cs</c>).</summary>
public sealed class FeedWriterTests(FeedDatabase database) : IClassFixture<FeedDatabase>
{
    [Fact]
    public async Task An_event_is_refused_outside_the_transaction_of_its_change()
    {
        await using var db = database.NewContext();

        var refused = Assert.Throws<InvalidOperationException>(() => FeedWriter.Add(db, [new TestEvent { Type = "orphan" }]));

        Assert.Contains("transaction", refused.Message);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public void Payload_objects_get_camel_case_properties_while_dictionary_and_json_object_keys_stay_as_the_producer_wrote_them()
    {
        var anonymous = FeedWriter.Payload(new { AgencyCode = "QT.SKHCN", Status = 2 });
        var dictionary = FeedWriter.Payload(new Dictionary<string, object?> { ["fromStatus"] = 1, ["StatusName"] = "Được tiếp nhận" });
        var snakeCase = FeedWriter.Payload(new JsonObject { ["index_name"] = "Chỉ số PAPI", ["ranked_count"] = 63 });

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"agencyCode":"QT.SKHCN","status":2}"""), JsonNode.Parse(anonymous)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"fromStatus":1,"StatusName":"Được tiếp nhận"}"""), JsonNode.Parse(dictionary)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"index_name":"Chỉ số PAPI","ranked_count":63}"""), JsonNode.Parse(snakeCase)));
    }
}
