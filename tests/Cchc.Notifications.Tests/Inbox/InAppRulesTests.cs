using System.Text.Json.Nodes;
using Cchc.Notifications.Inbox;

namespace Cchc.Notifications.Tests;

/// <summary>Which events reach whose in-app inbox (<c>services/Notifications/Inbox/InAppRules.cs</c>).</summary>
public sealed class InAppRulesTests
{
    [Theory]
    [InlineData("task.overdue", "lead_unit_code", "QT.SKHCN.T1", AddresseeKind.Unit, true)]
    [InlineData("task.chase_up", "leadUnitCode", "QT.SKHCN.T1", AddresseeKind.Unit, false)]
    [InlineData("task.report_due", "follow_up_unit_code", "QT.SKHCN.VP", AddresseeKind.Unit, false)]
    [InlineData("dossier.step_overdue", "unitCode", "QT.SKHCN.QLCN", AddresseeKind.Unit, true)]
    [InlineData("dossier.step_due_soon", "unit_code", "QT.SKHCN.QLCN", AddresseeKind.Unit, false)]
    [InlineData("index.rank_fell", "agencyCode", "QT.SKHCN", AddresseeKind.Agency, true)]
    [InlineData("calendar.year_provisional", "audience", "administrators", AddresseeKind.Administrators, false)]
    public void An_event_reaches_the_addressee_its_payload_names_however_the_field_is_spelled(
        string eventType, string field, string addressee, AddresseeKind kind, bool urgent)
    {
        var (rule, found) = Assert.Single(InAppRules.Addressees(eventType, new JsonObject { [field] = addressee, ["other"] = "x" }));

        Assert.Equal((addressee, kind, urgent), (found, rule.Kind, rule.Urgent));
    }

    [Fact]
    public void An_event_without_its_addressee_field_or_of_another_type_reaches_no_one()
    {
        Assert.Empty(InAppRules.Addressees("task.overdue", new JsonObject { ["unit_code"] = "QT.SKHCN.T1" }));
        Assert.Empty(InAppRules.Addressees("task.overdue", new JsonObject { ["lead_unit_code"] = "" }));
        Assert.Empty(InAppRules.Addressees("dossier.received", new JsonObject { ["unit_code"] = "QT.SKHCN.MC" }));
    }
}
