using System.Text.Json.Nodes;

namespace Cchc.Notifications.Webhooks;

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
