using Cchc.ChangeFeeds;
using Cchc.Notifications.Events;
using Cchc.Notifications.Webhooks;

namespace Cchc.Notifications.Feeds;

/// <summary>The Indexes change feed: recorded results and falls in rank (payloads already in snake_case).</summary>
public sealed class IndexFeedConsumer(IServiceProvider services, Cchc.Indexes.V1.IndexChangeFeed.IndexChangeFeedClient feed, EventIntake intake,
    DispatchSignal dispatch, Inbox.InboxSignal inbox, Messages.MessageSignal messages, ILogger<IndexFeedConsumer> logger)
    : FeedConsumer(services, intake, dispatch, inbox, messages, logger)
{
    public const string Name = "indexes";

    public override string FeedName => Name;

    protected override async Task<IReadOnlyList<FeedChange>> ReadPageAsync(long afterSequence, int pageSize, CancellationToken cancellationToken)
    {
        var page = await feed.ReadChangesAsync(new Cchc.Indexes.V1.ReadIndexChangesRequest { AfterSequence = afterSequence, PageSize = pageSize },
            cancellationToken: cancellationToken);
        return page.Changes.Select(c => new FeedChange(c.Sequence, c.Type, c.ResultKey, c.OccurredAt?.ToDateTimeOffset(), FeedPayloads.ToJson(c.Payload))).ToList();
    }
}
