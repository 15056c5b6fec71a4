using System.Globalization;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.Data;
using Cchc.Directives.Documents;
using Cchc.Directives.Tasks;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.ChaseUps;

/// <summary>
/// Chase-ups by hand, and every chase-up of a task: a request id makes a repeated call answer the
/// chase-up it sent; a closed task is not chased; the chase-up and its change-feed event are saved together.
/// </summary>
public sealed class ChaseUpHandler(DirectivesDbContext db, TaskReader reader, EventPayloads events, ServiceClock clock, ILogger<ChaseUpHandler> logger)
{
    public const int MaxMessageLength = 2000;

    public async Task<ChaseUp> SendAsync(string taskId, string text, string requestId, Caller caller, CancellationToken cancellationToken)
    {
        new Validation()
            .RequireText(taskId, "task_id", 64)
            .RequireText(text, "message", MaxMessageLength)
            .Require(requestId.Length == 0 || Guid.TryParse(requestId, out _), "request_id", "must be a UUID")
            .ThrowIfInvalid();
        var task = await reader.FindVisibleAsync(taskId, caller, tracking: false, cancellationToken);
        var message = text.Trim();
        var key = $"manual:{(requestId.Length > 0 ? Guid.Parse(requestId) : Guid.CreateVersion7()):N}";
        if (await db.ChaseUps.AsNoTracking().FirstOrDefaultAsync(c => c.DedupKey == key, cancellationToken) is { } sent)
        {
            return sent.TaskId == task.Id && sent.Message == message && sent.SentBy == caller.Subject
                ? sent
                : throw RpcErrors.FailedPrecondition("REQUEST_ID_REUSED", requestId,
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
            [await events.TaskEventAsync(DirectiveEventTypes.ChaseUp, task, ct, ChaseUpScanner.ChaseUpDetails(chaseUp), chaseUp.DedupKey)],
            cancellationToken);
        logger.LogInformation("Task {TaskId} chased up by hand by {Subject}", task.Id, caller.Subject);
        return chaseUp;
    }

    /// <summary>A page of a task's chase-ups, newest first, and the token of the next page (empty at the end).</summary>
    public async Task<(IReadOnlyList<ChaseUp> Page, string NextPageToken)> ListAsync(string taskId, int requestedPageSize, string pageToken, Caller caller,
        CancellationToken cancellationToken)
    {
        new Validation().RequireText(taskId, "task_id", 64).ThrowIfInvalid();
        var pageSize = PageTokens.Size(requestedPageSize);
        var after = PageTokens.Decode(pageToken);
        var task = await reader.FindVisibleAsync(taskId, caller, tracking: false, cancellationToken);
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
        var page = await query.OrderByDescending(c => c.SentAt).ThenByDescending(c => c.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = "";
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            next = PageTokens.Encode(string.Create(CultureInfo.InvariantCulture, $"{last.SentAt.UtcTicks}|{last.Id}"));
        }
        return (page.Take(pageSize).ToList(), next);
    }
}
