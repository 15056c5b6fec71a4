using System.Text.Json.Nodes;

namespace Cchc.Notifications.Inbox;

/// <summary>Who reads an event in the app: the payload field naming the addressee, and how urgent it is.</summary>
public sealed record InAppRule(string EventType, string AddresseeField, AddresseeKind Kind, bool Urgent);

/// <summary>
/// Which events become in-app messages for whom. The message itself is the (event type, IN_APP)
/// template rendered with the event's payload.
/// </summary>
public static class InAppRules
{
    public static IReadOnlyList<InAppRule> All { get; } =
    [
        // Chase-ups reach the lead unit of the task.
        new("task.overdue", "lead_unit_code", AddresseeKind.Unit, Urgent: true),
        new("task.deadline_approaching", "lead_unit_code", AddresseeKind.Unit, Urgent: false),
        new("task.chase_up", "lead_unit_code", AddresseeKind.Unit, Urgent: false),
        // Periodic reports due reach the follow-up office.
        new("task.report_due", "follow_up_unit_code", AddresseeKind.Unit, Urgent: false),
        // A dossier step about to be late, or late, reaches the unit processing it.
        new("dossier.step_due_soon", "unit_code", AddresseeKind.Unit, Urgent: false),
        new("dossier.step_overdue", "unit_code", AddresseeKind.Unit, Urgent: true),
        // A fall in rank reaches the leadership of the agency concerned.
        new("index.rank_fell", "agency_code", AddresseeKind.Agency, Urgent: true),
        // The coming year's official schedule of days off is missing: the administrators enter it.
        new("calendar.year_provisional", "audience", AddresseeKind.Administrators, Urgent: false),
    ];

    /// <summary>The addressees an event names; payload fields are read by their own or their snake_case name.</summary>
    public static IEnumerable<(InAppRule Rule, string Addressee)> Addressees(string eventType, JsonObject payload)
    {
        var rules = All.Where(r => r.EventType == eventType).ToList();
        if (rules.Count == 0)
        {
            return [];
        }
        var values = Messages.EventValues.From(payload);
        return rules.Select(r => (Rule: r, Addressee: values.GetValueOrDefault(r.AddresseeField, "")))
            .Where(x => x.Addressee.Length > 0)
            .ToList();
    }
}
