using System.Text.RegularExpressions;

namespace Cchc.Notifications.Webhooks;

/// <summary>
/// An event type's name as callers give it: lower-case dot-separated words, each starting with a letter
/// (<c>dossier.status_changed</c>), optionally ending in <c>.*</c> (<c>dossier.*</c>, the prefix form subscriptions use).
/// </summary>
public static partial class EventTypeNames
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?$")]
    private static partial Regex Pattern();
}
