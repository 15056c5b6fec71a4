using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cchc.Notifications.Queues;

namespace Cchc.Notifications.Webhooks;

/// <summary>How often to retry and when to give up; configured under <c>Webhooks</c>.</summary>
public sealed class WebhookOptions : ILeasedQueueOptions
{
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>With the defaults, 60 attempts keep trying for about two and a half days before dead-lettering.</summary>
    public int MaxAttempts { get; set; } = 60;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    public int BatchSize { get; set; } = 128;
    public int Concurrency { get; set; } = 16;
    /// <summary>How long a claimed delivery is held; after a crash, another instance takes it over then.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// Whether endpoints on loopback, link-local, private or reserved addresses may be reached. Off in
    /// production (no SSRF to internal hosts or the metadata service); tests and a developer's AppHost
    /// turn it on for receivers on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>Base64 of 32 bytes that seals signing secrets at rest (see <see cref="WebhookSecrets"/>); keep it in a secret store.</summary>
    public string? SecretEncryptionKey { get; set; }
}

/// <summary>Exponential backoff with "equal jitter": half the delay fixed, half random, so retries of many deliveries spread out.</summary>
public static class Backoff
{
    public static TimeSpan DelayAfter(int attempts, WebhookOptions options, Random random) =>
        DelayAfter(attempts, options.BaseDelay, options.MaxDelay, random);

    public static TimeSpan DelayAfter(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Min(attempts - 1, 30);
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}

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

/// <summary>Which subscriptions an event reaches.</summary>
public static class SubscriptionMatch
{
    public static bool EventTypeMatches(IEnumerable<string> patterns, string eventType) => patterns.Any(p =>
        p == eventType || p == "*" || (p.EndsWith(".*", StringComparison.Ordinal) && eventType.StartsWith(p[..^1], StringComparison.Ordinal)));

    /// <summary>
    /// Every filter field equals the payload's. A field may be named as the documentation spells it
    /// (<c>agency_code</c>) or as a producer's payload does (<c>agencyCode</c>): case and underscores aside, it is one name.
    /// </summary>
    public static bool FilterMatches(IReadOnlyDictionary<string, string> filter, JsonObject payload) => filter.All(f =>
        (payload[f.Key] ?? payload.FirstOrDefault(p => SameName(p.Key, f.Key)).Value) is JsonValue value && value.ToString() == f.Value);

    private static bool SameName(string a, string b) =>
        string.Equals(a.Replace("_", "", StringComparison.Ordinal), b.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
