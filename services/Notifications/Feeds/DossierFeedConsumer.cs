using Cchc.ChangeFeeds;
using Cchc.Dossiers.V1;
using Cchc.Notifications.Events;
using Cchc.Notifications.Webhooks;

namespace Cchc.Notifications.Feeds;

/// <summary>The Dossiers change feed: every change to a dossier, its code as the subject (the calendar's year for a calendar event).</summary>
public sealed class DossierFeedConsumer(IServiceProvider services, DossierChangeFeed.DossierChangeFeedClient feed, EventIntake intake, Messages.UnitNames units,
    DispatchSignal dispatch, Inbox.InboxSignal inbox, Messages.MessageSignal messages, ILogger<DossierFeedConsumer> logger)
    : FeedConsumer(services, intake, dispatch, inbox, messages, logger)
{
    public const string Name = "dossiers";

    public override string FeedName => Name;

    protected override async Task<IReadOnlyList<FeedChange>> ReadPageAsync(long afterSequence, int pageSize, CancellationToken cancellationToken)
    {
        var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = afterSequence, PageSize = pageSize }, cancellationToken: cancellationToken);
        var changes = page.Changes.Select(ToFeedChange).ToList();
        // A step warning names the unit for the officials who read it.
        foreach (var change in changes.Where(c => c.Type.StartsWith("dossier.step_", StringComparison.Ordinal)))
        {
            if (change.Payload["unitCode"]?.ToString() is { Length: > 0 } unit)
            {
                change.Payload["unit_name"] = await units.NameAsync(unit, cancellationToken);
            }
        }
        return changes;
    }

    public static FeedChange ToFeedChange(DossierChange change)
    {
        var payload = FeedPayloads.ToJson(change.Payload);
        payload["dossierCode"] = change.DossierCode;
        payload["occurredAt"] = change.OccurredAt?.ToDateTimeOffset().ToString("O");
        // An event not about one dossier (calendar.year_provisional) is about the calendar of its year.
        var subject = change.DossierCode.Length > 0 ? change.DossierCode : $"calendar/{payload["year"]}";
        return new FeedChange(change.Sequence, change.Type, subject, change.OccurredAt?.ToDateTimeOffset(), payload);
    }
}
