using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cchc.ChangeFeeds;

/// <summary>
/// What every feed's writer does alike: it appends in the transaction of the change (never on its own,
/// or a consumer could see an event of a change that then rolled back) and stores payloads as JSON of
/// one shape. The events take no lock and no number: readers number them once committed (see
/// <see cref="CommitOrderedSequence"/>). How a service builds its events, and whether it skips
/// duplicates, stays with the service.
/// </summary>
public static class FeedWriter
{
    /// <summary>
    /// The web defaults: properties of payload objects in camelCase; keys of dictionaries and JSON
    /// objects as the producer wrote them (Indexes' are snake_case).
    /// </summary>
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Checks that events are written in the transaction of the change they describe.</summary>
    public static void RequireTransaction(DatabaseFacade database)
    {
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Change-feed events must be written in the transaction of the change.");
        }
    }

    /// <summary>A payload as the feed stores it: a JSON object.</summary>
    public static string Payload(object payload) => JsonSerializer.Serialize(payload, PayloadJson);

    /// <summary>Adds the events to the context, in the caller's transaction, for the caller's next save.</summary>
    public static void Add<TEvent>(DbContext db, IEnumerable<TEvent> events) where TEvent : class, IFeedEvent
    {
        RequireTransaction(db.Database);
        db.Set<TEvent>().AddRange(events);
    }
}
