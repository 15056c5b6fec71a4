using System.Text;
using System.Text.Json.Nodes;
using Cchc.Notifications.Inbox;
using Cchc.Notifications.Templates;

namespace Cchc.Notifications.Messages;

/// <summary>A message to the applicant of a dossier: its kind (the template's event type), when it applies, and whether it is urgent.</summary>
public sealed record ApplicantRule(string EventType, string Kind, Func<IReadOnlyDictionary<string, string>, bool> Applies);

/// <summary>
/// Who is told what by e-mail and SMS. Officials are told what their in-app inbox is told
/// (<see cref="InAppRules"/>: the responsible unit for dossier steps, the lead unit for tasks, the
/// follow-up office for reports, leadership for index ranks); applicants are told of their dossier.
/// </summary>
public static class MessageRules
{
    public static IReadOnlyList<ApplicantRule> Applicant { get; } =
    [
        new("dossier.received", "dossier.received", _ => true),
        new("dossier.supplement_requested", "dossier.supplement_requested", _ => true),
        new("dossier.apology_issued", "dossier.apology_issued", _ => true),
        new("dossier.status_changed", "dossier.refused", v => v.GetValueOrDefault("status") == "3"),
        new("dossier.status_changed", "dossier.result_ready", v => v.GetValueOrDefault("status") == "9"),
        // The result handed over: the applicant is invited to rate the service.
        new("dossier.status_changed", "dossier.rating_invitation", v => v.GetValueOrDefault("status") == "10"),
    ];

    public static IEnumerable<ApplicantRule> ApplicantRulesFor(string eventType, IReadOnlyDictionary<string, string> values) =>
        Applicant.Where(r => r.EventType == eventType && r.Applies(values));

    /// <summary>
    /// False when the event says the applicant has no address on <paramref name="channel"/> (Dossiers'
    /// <c>applicantHasEmail</c>, <c>applicantHasPhone</c>): no message is planned that could only end as
    /// "no e-mail address". An event that does not say (an older one, another producer's) is planned on
    /// every channel and the address checked at send time, as before.
    /// </summary>
    public static bool ApplicantReachable(NotificationChannel channel, IReadOnlyDictionary<string, string> values) =>
        values.GetValueOrDefault(channel == NotificationChannel.Email ? "applicantHasEmail" : "applicantHasPhone") != "false";
}

/// <summary>An event's payload as template values: every top-level field under its own name and its snake_case name.</summary>
public static class EventValues
{
    public static Dictionary<string, string> From(JsonObject payload)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in payload)
        {
            var value = node switch
            {
                null => "",
                JsonValue v => v.ToString(),
                var other => other.ToJsonString(),
            };
            values[key] = value;
            values.TryAdd(SnakeCase(key), value);
        }
        return values;
    }

    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_')
                {
                    text.Append('_');
                }
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }
}
