using System.Text.Json.Nodes;
using Cchc.Notifications.Messages;

namespace Cchc.Notifications.Tests;

/// <summary>Who of the applicants is told what (<c>services/Notifications/Messages/MessageRules.cs</c>).</summary>
public sealed class MessageRulesTests
{
    [Theory]
    [InlineData("dossier.received", "", "dossier.received")]
    [InlineData("dossier.supplement_requested", "", "dossier.supplement_requested")]
    [InlineData("dossier.apology_issued", "", "dossier.apology_issued")]
    [InlineData("dossier.status_changed", "3", "dossier.refused")]
    [InlineData("dossier.status_changed", "9", "dossier.result_ready")]
    [InlineData("dossier.status_changed", "10", "dossier.rating_invitation")]
    public void An_applicant_is_told_of_receipt_supplements_apologies_refusal_result_and_hand_over(string eventType, string status, string kind)
    {
        var rule = Assert.Single(MessageRules.ApplicantRulesFor(eventType, new Dictionary<string, string> { ["status"] = status }));

        Assert.Equal(kind, rule.Kind);
    }

    [Theory]
    [InlineData("dossier.status_changed", "5")]   // a step inside the agency: nothing for the applicant
    [InlineData("dossier.handed_over", "")]
    [InlineData("task.overdue", "")]
    public void Nothing_else_reaches_an_applicant(string eventType, string status) =>
        Assert.Empty(MessageRules.ApplicantRulesFor(eventType, new Dictionary<string, string> { ["status"] = status }));

    [Theory]
    [InlineData("agencyCode", "agency_code")]
    [InlineData("dossierCode", "dossier_code")]
    [InlineData("lead_unit_code", "lead_unit_code")]
    [InlineData("A", "a")]
    [InlineData("appointmentDateText", "appointment_date_text")]
    public void Payload_names_are_also_given_in_snake_case(string name, string snake) =>
        Assert.Equal(snake, EventValues.SnakeCase(name));

    [Fact]
    public void Template_values_are_every_top_level_field_by_both_names_with_nested_values_as_JSON()
    {
        var values = EventValues.From(new JsonObject
        {
            ["dossierCode"] = "QT.SKHCN-261206-0001", ["daysLate"] = 2, ["note"] = null, ["papers"] = new JsonArray("Tờ khai"),
        });

        Assert.Equal("QT.SKHCN-261206-0001", values["dossier_code"]);
        Assert.Equal("QT.SKHCN-261206-0001", values["dossierCode"]);
        Assert.Equal("2", values["days_late"]);
        Assert.Equal("", values["note"]);
        Assert.Equal("[\"Tờ khai\"]", System.Text.RegularExpressions.Regex.Unescape(values["papers"]));
    }
}
