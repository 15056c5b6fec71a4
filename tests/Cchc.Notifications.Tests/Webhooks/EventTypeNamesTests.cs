using Cchc.Notifications.Webhooks;

namespace Cchc.Notifications.Tests;

/// <summary>Which event type names callers may give (<c>services/Notifications/Webhooks/EventTypeNames.cs</c>).</summary>
public sealed class EventTypeNamesTests
{
    [Theory]
    [InlineData("dossier.status_changed", true)]
    [InlineData("external.portal.payment_received", true)]
    [InlineData("dossier.*", true)]
    [InlineData("task", true)]
    [InlineData("Dossier.received", false)]   // lower-case only
    [InlineData("dossier..received", false)]
    [InlineData("dossier.", false)]
    [InlineData("1dossier.received", false)]
    [InlineData("*", false)]                  // everything is a subscription's own case, not a name
    [InlineData("dossier.*.received", false)]
    [InlineData("", false)]
    public void A_name_is_lower_case_dotted_words_optionally_ending_in_a_dot_star(string name, bool valid) =>
        Assert.Equal(valid, EventTypeNames.IsValid(name));
}
