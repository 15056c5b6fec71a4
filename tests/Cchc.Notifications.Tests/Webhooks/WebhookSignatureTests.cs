using Cchc.Notifications.Webhooks;

namespace Cchc.Notifications.Tests;

/// <summary>Standard Webhooks signatures (<c>services/Notifications/Webhooks/WebhookSignature.cs</c>).</summary>
public sealed class WebhookSignatureTests
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
}
