using System.Security.Cryptography;
using System.Text;

namespace Cchc.Notifications.Webhooks;

/// <summary>
/// Signatures as in the Standard Webhooks specification: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256&gt;</c>
/// over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, so a receiver can check origin, integrity and freshness.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var signed = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signed);
    }

    public static bool Verify(string secret, string messageId, long timestamp, string body, string signatureHeader) =>
        signatureHeader.Split(' ').Any(candidate => CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(candidate), Encoding.ASCII.GetBytes(Sign(secret, messageId, timestamp, body))));
}
