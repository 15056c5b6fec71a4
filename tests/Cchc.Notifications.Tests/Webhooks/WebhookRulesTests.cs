using System.Text.Json.Nodes;
using Cchc.Notifications.Webhooks;

namespace Cchc.Notifications.Tests;

/// <summary>The pure rules of <c>services/Notifications/Webhooks/WebhookRules.cs</c>.</summary>
public sealed class WebhookRulesTests
{
    // The test vector published with the Standard Webhooks reference implementations: a receiver's
    // existing library must accept what we send, so ours must reproduce it exactly.
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = "{\"test\": 2432232314}";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void The_signature_reproduces_the_Standard_Webhooks_test_vector() =>
        Assert.Equal(VectorSignature, WebhookSignature.Sign(VectorSecret, VectorId, VectorTimestamp, VectorBody));

    [Fact]
    public void Verification_accepts_the_vector_among_several_signatures_and_refuses_any_change()
    {
        Assert.True(WebhookSignature.Verify(VectorSecret, VectorId, VectorTimestamp, VectorBody, $"v1,bm9wZQ== {VectorSignature}"));
        Assert.False(WebhookSignature.Verify(VectorSecret, VectorId, VectorTimestamp, "{\"test\": 2432232315}", VectorSignature));
        Assert.False(WebhookSignature.Verify(VectorSecret, VectorId, VectorTimestamp + 1, VectorBody, VectorSignature));
        Assert.False(WebhookSignature.Verify(VectorSecret, "msg_other", VectorTimestamp, VectorBody, VectorSignature));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), VectorId, VectorTimestamp, VectorBody, VectorSignature));
    }

    [Fact]
    public void A_new_secret_is_32_random_bytes_in_the_whsec_form()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }

    [Theory]
    [InlineData(1, 5_000, 10_000)]      // base 10 s: between half and all of it
    [InlineData(2, 10_000, 20_000)]
    [InlineData(4, 40_000, 80_000)]
    [InlineData(10, 1_800_000, 3_600_000)] // 10 s × 2⁹ = 85 min, capped at the hour
    [InlineData(60, 1_800_000, 3_600_000)]
    public void Backoff_doubles_from_the_base_delay_up_to_the_cap_with_half_of_it_random(int attempts, double minMs, double maxMs)
    {
        var options = new WebhookOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromHours(1) };

        var lowest = Backoff.DelayAfter(attempts, options, new FixedRandom(0.0));
        var highest = Backoff.DelayAfter(attempts, options, new FixedRandom(0.999999));

        Assert.Equal(minMs, lowest.TotalMilliseconds, 1);
        Assert.InRange(highest.TotalMilliseconds, maxMs - 10, maxMs);
    }

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

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
