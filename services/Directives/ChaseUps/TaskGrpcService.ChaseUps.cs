using System.Globalization;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.ChaseUps;
using Cchc.Directives.Documents;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using ChaseUp = Cchc.Directives.ChaseUps.ChaseUp;
using ChaseUpStage = Cchc.Directives.ChaseUps.ChaseUpStage;

namespace Cchc.Directives.Tasks;

/// <summary>Chase-ups by hand, and every chase-up of a task.</summary>
public sealed partial class TaskGrpcService
{
    private const int MaxChaseUpMessageLength = 2000;

    [Authorize(Roles = Roles.FollowUpOffice)]
    public override async Task<SendChaseUpResponse> SendChaseUp(SendChaseUpRequest request, ServerCallContext context)
    {
        new Validation()
            .RequireText(request.TaskId, "task_id", 64)
            .RequireText(request.Message, "message", MaxChaseUpMessageLength)
            .Require(request.RequestId.Length == 0 || Guid.TryParse(request.RequestId, out _), "request_id", "must be a UUID")
            .ThrowIfInvalid();
        var caller = context.GetCaller();
        var cancellationToken = context.CancellationToken;
        var task = await reader.FindVisibleAsync(request.TaskId, caller, tracking: false, cancellationToken);
        var message = request.Message.Trim();
        var key = $"manual:{(request.RequestId.Length > 0 ? Guid.Parse(request.RequestId) : Guid.CreateVersion7()):N}";
        if (await db.ChaseUps.AsNoTracking().FirstOrDefaultAsync(c => c.DedupKey == key, cancellationToken) is { } sent)
        {
            return sent.TaskId == task.Id && sent.Message == message && sent.SentBy == caller.Subject
                ? new SendChaseUpResponse { ChaseUp = ToContract(sent) }
                : throw RpcErrors.FailedPrecondition("REQUEST_ID_REUSED", request.RequestId,
                    "This request_id was used for another chase-up; use a new one for a new chase-up.");
        }

        var described = await reader.DescribeAsync(task, cancellationToken);
        if (described.Status is DirectiveTaskStatus.Cancelled or DirectiveTaskStatus.DoneOnTime or DirectiveTaskStatus.DoneLate)
        {
            throw RpcErrors.FailedPrecondition("TASK_CLOSED", task.Id.ToString(),
                $"The task is {EventPayloads.StatusName(described.Status).Replace('_', ' ').ToLowerInvariant()}; there is nothing left to chase up.");
        }
        DateOnly? dueOn = described.DueDate.Length > 0 ? DateOnly.ParseExact(described.DueDate, Dates.Format, CultureInfo.InvariantCulture) : null;
        var calendar = await reader.CalendarAsync(cancellationToken);
        var today = reader.Today;
        var chaseUp = new ChaseUp
        {
            TaskId = task.Id,
            DedupKey = key,
            Stage = ChaseUpStage.Manual,
            DueOn = dueOn,
            WorkingDaysToDue = dueOn is not { } due ? 0 : today <= due ? calendar.CountWorkingDays(today, due) : -calendar.CountWorkingDays(due, today),
            LeadUnitCode = task.LeadUnitCode,
            Message = message,
            SentAt = clock.UtcNow(),
            SentBy = caller.Subject,
            SentByName = caller.Name,
        };
        db.ChaseUps.Add(chaseUp);
        await db.SaveWithEventsAsync(async ct =>
            [await events.TaskEventAsync(DirectiveEventTypes.ChaseUp, task, ct, ChaseUps.ChaseUpScanner.ChaseUpDetails(chaseUp), chaseUp.DedupKey)],
            cancellationToken);
        logger.LogInformation("Task {TaskId} chased up by hand by {Subject}", task.Id, caller.Subject);
        return new SendChaseUpResponse { ChaseUp = ToContract(chaseUp) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListChaseUpsResponse> ListChaseUps(ListChaseUpsRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.TaskId, "task_id", 64).ThrowIfInvalid();
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        var task = await reader.FindVisibleAsync(request.TaskId, context.GetCaller(), tracking: false, context.CancellationToken);
        var query = db.ChaseUps.AsNoTracking().Where(c => c.TaskId == task.Id);
        if (after is not null)
        {
            var parts = after.Split('|');
            if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) || !Guid.TryParse(parts[1], out var lastId))
            {
                throw RpcErrors.InvalidArgument(new FieldViolation("page_token", "is not a token returned by a previous call"));
            }
            var lastSent = new DateTimeOffset(ticks, TimeSpan.Zero);
            query = query.Where(c => c.SentAt < lastSent || (c.SentAt == lastSent && c.Id.CompareTo(lastId) < 0));
        }
        var page = await query.OrderByDescending(c => c.SentAt).ThenByDescending(c => c.Id).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListChaseUpsResponse();
        response.ChaseUps.AddRange(page.Take(pageSize).Select(ToContract));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = PageTokens.Encode(string.Create(CultureInfo.InvariantCulture, $"{last.SentAt.UtcTicks}|{last.Id}"));
        }
        return response;
    }

    private static V1.ChaseUp ToContract(ChaseUp chaseUp) => new()
    {
        ChaseUpId = chaseUp.Id.ToString(),
        TaskId = chaseUp.TaskId.ToString(),
        Period = chaseUp.Period,
        Stage = (V1.ChaseUpStage)chaseUp.Stage,
        DueDate = chaseUp.DueOn?.ToString(Dates.Format) ?? "",
        WorkingDaysToDue = chaseUp.WorkingDaysToDue,
        LeadUnitCode = chaseUp.LeadUnitCode,
        Message = chaseUp.Message,
        SendTime = Timestamp.FromDateTimeOffset(chaseUp.SentAt),
        SentBy = chaseUp.SentBy,
        SentByName = chaseUp.SentByName,
    };
}
