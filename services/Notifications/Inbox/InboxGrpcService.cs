using Cchc.Notifications.Data;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Notifications.Inbox;

[Authorize(Roles = Roles.AnyOfficial)]
public sealed class InboxGrpcService(NotificationsDbContext db, InboxSignal signal) : InboxService.InboxServiceBase
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public override async Task<ListInboxResponse> ListInbox(ListInboxRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var pageSize = request.PageSize switch { < 0 => throw RpcErrors.InvalidArgument(new FieldViolation("page_size", "must not be negative")), 0 => 50, > 200 => 200, var n => n };
        var before = PageTokens.Decode(request.PageToken) is { } token && long.TryParse(token, out var t) ? t : long.MaxValue;
        var query = Visible(caller).Where(i => i.Sequence < before);
        if (request.UnreadOnly)
        {
            query = query.Where(i => !db.InboxReads.Any(r => r.ItemId == i.Id && r.Reader == caller.Subject));
        }
        // Newest first, as an inbox reads.
        var page = await query.OrderByDescending(i => i.Sequence).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var read = await ReadMarks(caller, page.Select(i => i.Id), context.CancellationToken);
        var response = new ListInboxResponse();
        response.Items.AddRange(page.Take(pageSize).Select(i => ToContract(i, read.Contains(i.Id))));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return response;
    }

    public override async Task<GetUnreadCountResponse> GetUnreadCount(GetUnreadCountRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var unread = await Visible(caller).CountAsync(i => !db.InboxReads.Any(r => r.ItemId == i.Id && r.Reader == caller.Subject), context.CancellationToken);
        return new GetUnreadCountResponse { Unread = unread };
    }

    public override async Task<MarkReadResponse> MarkRead(MarkReadRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        new Validation().Require(request.All || request.ItemIds.Count > 0, "item_ids", "give the items to mark, or all").ThrowIfInvalid();
        var ids = request.ItemIds.Select((id, i) => Guid.TryParse(id, out var g) ? g
            : throw RpcErrors.InvalidArgument(new FieldViolation($"item_ids[{i}]", "is not an inbox item id"))).ToList();
        // Only what the caller can see; someone else's item is silently not theirs to mark.
        var query = Visible(caller).Where(i => !db.InboxReads.Any(r => r.ItemId == i.Id && r.Reader == caller.Subject));
        if (!request.All)
        {
            query = query.Where(i => ids.Contains(i.Id));
        }
        var unread = await query.Select(i => i.Id).ToListAsync(context.CancellationToken);
        var now = ServiceClock.System.UtcNow();
        db.InboxReads.AddRange(unread.Select(id => new InboxRead { ItemId = id, Reader = caller.Subject, ReadAt = now }));
        await db.SaveChangesAsync(context.CancellationToken);
        return new MarkReadResponse { Marked = unread.Count };
    }

    public override async Task WatchInbox(WatchInboxRequest request, IServerStreamWriter<V1.InboxItem> responseStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        // The watermark is taken before the backlog is sent: whatever arrives meanwhile is above it
        // and goes out as news, so nothing falls between the backlog and the live items.
        var watermark = await Visible(caller).MaxAsync(i => (long?)i.Sequence, context.CancellationToken) ?? 0;
        var backlog = await Visible(caller)
            .Where(i => i.Sequence <= watermark && !db.InboxReads.Any(r => r.ItemId == i.Id && r.Reader == caller.Subject))
            .OrderBy(i => i.Sequence).ToListAsync(context.CancellationToken);
        foreach (var item in backlog)
        {
            await responseStream.WriteAsync(ToContract(item, read: false), context.CancellationToken);
        }
        var after = watermark;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var next = signal.Next;
            var items = await Visible(caller).Where(i => i.Sequence > after).OrderBy(i => i.Sequence).Take(200).ToListAsync(context.CancellationToken);
            foreach (var item in items)
            {
                await responseStream.WriteAsync(ToContract(item, read: false), context.CancellationToken);
                after = item.Sequence;
            }
            if (items.Count < 200)
            {
                await Task.WhenAny(next, Task.Delay(Poll, context.CancellationToken));
            }
        }
    }

    private IQueryable<InboxItem> Visible(Caller caller)
    {
        var agencyWide = caller.Roles.Overlaps(Roles.AgencyWide);
        var subject = caller.Subject;
        var unit = caller.Unit ?? "";
        // An agency's leadership also reads what is addressed to the province it belongs to (e.g. a rank
        // fall of "QT" reaches the leadership of QT.SKHCN): every dotted prefix of the caller's agency.
        var agencies = Prefixes(caller.Agency ?? "");
        var administrator = caller.IsIn(Roles.Administrator);
        return db.InboxItems.AsNoTracking().Where(i =>
            (administrator && i.AddresseeKind == AddresseeKind.Administrators)
            || (i.AddresseeKind == AddresseeKind.Official && i.Addressee == subject)
            || (i.AddresseeKind == AddresseeKind.Unit && i.Addressee == unit)
            || (agencyWide && i.AddresseeKind == AddresseeKind.Agency && agencies.Contains(i.Addressee)));
    }

    private static List<string> Prefixes(string code)
    {
        var parts = code.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(1, parts.Length).Select(n => string.Join('.', parts.Take(n))).ToList();
    }

    private async Task<HashSet<Guid>> ReadMarks(Caller caller, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        return (await db.InboxReads.AsNoTracking().Where(r => r.Reader == caller.Subject && list.Contains(r.ItemId)).Select(r => r.ItemId)
            .ToListAsync(cancellationToken)).ToHashSet();
    }

    private static V1.InboxItem ToContract(InboxItem item, bool read) => new()
    {
        ItemId = item.Id.ToString(),
        EventType = item.EventType,
        Title = item.Title,
        Body = item.Body,
        AddressedTo = item.Addressee,
        Urgent = item.Urgent,
        Read = read,
        CreateTime = Timestamp.FromDateTimeOffset(item.CreatedAt),
    };
}
