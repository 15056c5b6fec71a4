using System.Globalization;
using Cchc.Notifications.Data;
using Cchc.Notifications.Digest;
using Cchc.Notifications.Templates;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Calendar;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contract = Cchc.Notifications.V1;

namespace Cchc.Notifications.Messages;

public sealed class MessageGrpcService(NotificationsDbContext db, EmailSender email, SmsSender sms, MessageSignal signal, DailyDigest digest) : MessageService.MessageServiceBase
{
    [Authorize(Roles = Roles.Administrator)]
    public override async Task<ListMessagesResponse> ListMessages(ListMessagesRequest request, ServerCallContext context)
    {
        new Validation()
            .Require(request.Status == Contract.MessageStatus.Unspecified || System.Enum.IsDefined((MessageState)(int)request.Status), "status", "must be a MessageStatus")
            .Require(request.Channel is Channel.Unspecified or Channel.Email or Channel.Sms, "channel", "messages are CHANNEL_EMAIL or CHANNEL_SMS")
            .Require(request.Recipient.Length <= 200, "recipient", "must be at most 200 characters")
            .ThrowIfInvalid();
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        var query = db.Messages.AsNoTracking();
        if (request.EventId.Length > 0)
        {
            var eventId = Guid.TryParse(request.EventId, out var id) ? id : throw RpcErrors.InvalidArgument(new FieldViolation("event_id", "is not an id returned by Cchc"));
            query = query.Where(m => m.EventId == eventId);
        }
        if (request.Recipient.Length > 0)
        {
            query = query.Where(m => m.Recipient == request.Recipient);
        }
        if (request.Status != Contract.MessageStatus.Unspecified)
        {
            query = query.Where(m => m.State == (MessageState)(int)request.Status);
        }
        if (request.Channel != Channel.Unspecified)
        {
            query = query.Where(m => m.Channel == (NotificationChannel)(int)request.Channel);
        }
        if (request.Kind.Length > 0)
        {
            query = query.Where(m => m.Kind == request.Kind);
        }
        if (after is not null && long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var afterSequence))
        {
            query = query.Where(m => m.Sequence > afterSequence);
        }
        var page = await query.OrderBy(m => m.Sequence).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var ids = page.Select(m => m.Id).ToList();
        var attempts = (await db.MessageAttempts.AsNoTracking().Where(a => ids.Contains(a.MessageId)).OrderBy(a => a.Number).ToListAsync(context.CancellationToken))
            .ToLookup(a => a.MessageId);
        var response = new ListMessagesResponse();
        foreach (var m in page.Take(pageSize))
        {
            var item = new Contract.Message
            {
                MessageId = m.Id.ToString(),
                EventId = m.EventId?.ToString() ?? "",
                Kind = m.Kind,
                Subject = m.Subject,
                Channel = (Channel)(int)m.Channel,
                RecipientKind = (Contract.RecipientKind)(int)m.RecipientKind,
                Recipient = m.Recipient,
                Address = m.MaskedAddress,
                TemplateVersion = m.TemplateVersion,
                Status = (Contract.MessageStatus)(int)m.State,
                Urgent = m.Urgent,
                AttemptCount = m.AttemptCount,
                NextAttemptTime = Timestamp.FromDateTimeOffset(m.NextAttemptAt),
                SentTime = m.SentAt is { } sent ? Timestamp.FromDateTimeOffset(sent) : null,
                CreateTime = Timestamp.FromDateTimeOffset(m.CreatedAt),
                Note = m.Note,
                Title = m.Title,
                Body = m.Body,
            };
            item.Attempts.AddRange(attempts[m.Id].Select(a => new Contract.MessageAttempt
            {
                Number = a.Number,
                AttemptTime = Timestamp.FromDateTimeOffset(a.AttemptedAt),
                Succeeded = a.Succeeded,
                Answer = a.Answer,
                DurationMs = a.DurationMs,
            }));
            response.Messages.Add(item);
        }
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Sequence.ToString(CultureInfo.InvariantCulture));
        }
        return response;
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<ReplayMessagesResponse> ReplayMessages(ReplayMessagesRequest request, ServerCallContext context)
    {
        var ids = new List<Guid>();
        foreach (var (text, index) in request.MessageIds.Select((t, i) => (t, i)))
        {
            ids.Add(Guid.TryParse(text, out var id) ? id : throw RpcErrors.InvalidArgument(new FieldViolation($"message_ids[{index}]", "is not an id returned by Cchc")));
        }
        var query = db.Messages.Where(m => m.State == MessageState.Dead);
        if (ids.Count > 0)
        {
            query = query.Where(m => ids.Contains(m.Id));
        }
        var dead = await query.ToListAsync(context.CancellationToken);
        var now = ServiceClock.System.UtcNow();
        foreach (var message in dead)
        {
            // A replay renders with the template as it is now: the usual fix for a dead message is a corrected template.
            message.TemplateVersion = await MessagePlanner.LatestTemplateVersionAsync(db, message.Kind, message.Channel, context.CancellationToken) is > 0 and var latest
                ? latest : message.TemplateVersion;
            message.State = MessageState.Pending;
            message.AttemptCount = 0;
            message.NextAttemptAt = now;
            message.LeaseUntil = now;
            message.Note = "replayed";
        }
        var alertIds = dead.Select(m => (Guid?)m.Id).ToList();
        foreach (var alert in await db.OperatorAlerts.Where(a => a.ResolvedAt == null && alertIds.Contains(a.MessageId)).ToListAsync(context.CancellationToken))
        {
            alert.ResolvedAt = now;
        }
        await db.SaveChangesAsync(context.CancellationToken);
        signal.Notify();
        return new ReplayMessagesResponse { Replayed = dead.Count };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<GetMessageHealthResponse> GetMessageHealth(GetMessageHealthRequest request, ServerCallContext context)
    {
        var counts = await db.Messages.AsNoTracking()
            .GroupBy(m => new { m.Channel, m.State })
            .Select(g => new { g.Key.Channel, g.Key.State, Count = g.LongCount(), Oldest = g.Min(m => m.CreatedAt) })
            .ToListAsync(context.CancellationToken);
        var now = DateTimeOffset.UtcNow;
        var response = new GetMessageHealthResponse();
        foreach (var (channel, configured) in new[] { (NotificationChannel.Email, email.Configured), (NotificationChannel.Sms, sms.Configured) })
        {
            long Count(MessageState state) => counts.Where(c => c.Channel == channel && c.State == state).Sum(c => c.Count);
            var oldest = counts.Where(c => c.Channel == channel && c.State == MessageState.Pending).Select(c => (DateTimeOffset?)c.Oldest).FirstOrDefault();
            response.Channels.Add(new ChannelHealth
            {
                Channel = (Channel)(int)channel,
                Configured = configured,
                Pending = Count(MessageState.Pending),
                Sent = Count(MessageState.Sent),
                Dead = Count(MessageState.Dead),
                Skipped = Count(MessageState.Skipped),
                OldestPendingSeconds = oldest is { } at ? (long)(now - at).TotalSeconds : 0,
            });
        }
        return response;
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<RunDailyDigestResponse> RunDailyDigest(RunDailyDigestRequest request, ServerCallContext context)
    {
        var date = VietnamTime.DateOn(DateTimeOffset.UtcNow);
        new Validation().Require(request.Date.Length == 0 || DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date),
            "date", "must be yyyy-MM-dd").ThrowIfInvalid();
        var (queued, empty) = await digest.RunAsync(db, date, context.CancellationToken);
        return new RunDailyDigestResponse { DigestsQueued = queued, HeadsWithNothingOverdue = empty };
    }

    [Authorize(Roles = Roles.AnyOfficial)]
    public override async Task<ListOverdueItemsResponse> ListOverdueItems(ListOverdueItemsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var unit = request.UnitCode.Length > 0 ? request.UnitCode : caller.ScopeUnit;
        // Only an administrator lists every unit's items; a token naming neither unit nor agency lists none.
        if (unit is null && !caller.IsIn(Roles.Administrator))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                "Your token names no unit or agency, so there is no scope to list overdue items for."));
        }
        if (unit is not null && !caller.CanAccessUnit(unit))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Unit {unit} is outside your scope ({caller.ScopeUnit ?? "none"})."));
        }
        var query = db.OverdueItems.AsNoTracking().Where(i => i.ClosedAt == null);
        if (unit is not null)
        {
            query = query.Where(i => i.UnitCode == unit || i.UnitCode.StartsWith(unit + "."));
        }
        var response = new ListOverdueItemsResponse();
        response.Items.AddRange((await query.OrderBy(i => i.OpenedAt).Take(5000).ToListAsync(context.CancellationToken)).Select(i => new Contract.OverdueItem
        {
            Key = i.Key,
            UnitCode = i.UnitCode,
            Title = i.Title,
            Due = i.Due,
            OpenTime = Timestamp.FromDateTimeOffset(i.OpenedAt),
        }));
        return response;
    }
}
