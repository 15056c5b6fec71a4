using System.Text.Json.Nodes;
using Cchc.Notifications.Webhooks;

namespace Cchc.Notifications.Tests;

/// <summary>Which subscriptions an event reaches (<c>services/Notifications/Webhooks/SubscriptionMatch.cs</c>).</summary>
public sealed class SubscriptionMatchTests
{
    [Theory]
    [InlineData("dossier.*", "dossier.received", true)]
    [InlineData("dossier.*", "dossier", false)]
    [InlineData("dossier.*", "dossiers.received", false)]
    [InlineData("dossier.received", "dossier.received", true)]
    [InlineData("dossier.received", "dossier.returned", false)]
    [InlineData("*", "index.rank_fell", true)]
    [InlineData("external.*", "external.task.overdue", true)]
    public void An_event_type_matches_exactly_a_prefix_ending_in_a_dot_star_or_everything(string pattern, string type, bool matches) =>
        Assert.Equal(matches, SubscriptionMatch.EventTypeMatches([pattern], type));

    [Theory]
    [InlineData("agencyCode", "QT.SKHCN", true)]
    [InlineData("agency_code", "QT.SKHCN", true)]
    [InlineData("AGENCY_CODE", "QT.SKHCN", true)]
    [InlineData("agency_code", "QT.STP", false)]
    [InlineData("unit_code", "QT.SKHCN.MC", false)]
    public void A_filter_field_matches_the_payload_however_its_name_is_spelled(string field, string value, bool matches)
    {
        var payload = new JsonObject { ["agencyCode"] = "QT.SKHCN", ["dossierCode"] = "QT.SKHCN-261206-0001" };

        Assert.Equal(matches, SubscriptionMatch.FilterMatches(new Dictionary<string, string> { [field] = value }, payload));
    }

    [Fact]
    public void Every_filter_field_must_match()
    {
        var payload = new JsonObject { ["agencyCode"] = "QT.SKHCN", ["status"] = "RETURNED" };

        Assert.True(SubscriptionMatch.FilterMatches(new Dictionary<string, string> { ["agency_code"] = "QT.SKHCN", ["status"] = "RETURNED" }, payload));
        Assert.False(SubscriptionMatch.FilterMatches(new Dictionary<string, string> { ["agency_code"] = "QT.SKHCN", ["status"] = "RECEIVED" }, payload));
    }
}
