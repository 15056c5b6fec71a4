using System.Globalization;
using Cchc.ChangeFeeds;
using Cchc.Directives.V1;
using Cchc.Notifications.Events;
using Cchc.Notifications.Webhooks;

namespace Cchc.Notifications.Feeds;

/// <summary>
/// The Directives change feed: documents, tasks, chase-ups, overdue tasks and periodic reports due.
/// Its payloads are the producer's facts (camelCase, ISO dates); the consumer adds the few values an
/// official reads in a message — <c>task_title</c>, <c>days_overdue</c>, <c>due_date_text</c> (dd/MM/yyyy).
/// </summary>
public sealed class DirectiveFeedConsumer(IServiceProvider services, DirectiveChangeFeed.DirectiveChangeFeedClient feed, EventIntake intake,
    DispatchSignal dispatch, Inbox.InboxSignal inbox, Messages.MessageSignal messages, ILogger<DirectiveFeedConsumer> logger)
    : FeedConsumer(services, intake, dispatch, inbox, messages, logger)
{
    public const string Name = "directives";

    public override string FeedName => Name;

    protected override async Task<IReadOnlyList<FeedChange>> ReadPageAsync(long afterSequence, int pageSize, CancellationToken cancellationToken)
    {
        var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = afterSequence, PageSize = pageSize }, cancellationToken: cancellationToken);
        return page.Changes.Select(ToFeedChange).ToList();
    }

    public static FeedChange ToFeedChange(DirectiveChange change)
    {
        var payload = FeedPayloads.ToJson(change.Payload);
        string? Text(string field) => payload[field] is System.Text.Json.Nodes.JsonValue value && value.ToString() is { Length: > 0 } text ? text : null;
        if (Text("title") is { } title)
        {
            payload["task_title"] = title;
        }
        if (Text("workingDaysLate") is { } late)
        {
            payload["days_overdue"] = late;
        }
        var due = Text("periodDueDate") ?? Text("dueDate") ?? Text("deadline");
        if (due is not null && DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            payload["due_date_text"] = date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        }
        return new FeedChange(change.Sequence, change.Type, change.Subject, change.OccurredAt?.ToDateTimeOffset(), payload);
    }
}
