using Cchc.Directives.Domain.Tasks;
using Cchc.SharedKernel.Organization;
using Cchc.Directives.Calendar;
using Cchc.Directives.Data;
using Cchc.Directives.Documents;
using Cchc.SharedKernel.Calendar;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Tasks;

/// <summary>
/// Which tasks a caller may see, and tasks as callers read them: status and progress computed from
/// the reports as of today (Vietnam time), with sub-tasks rolled up.
/// </summary>
public sealed class TaskReader(DirectivesDbContext db, ServiceClock clock, WorkingDays workingDays)
{
    public const string ResourceType = "cchc.directives.v1.DirectiveTask";

    public DateOnly Today => clock.Today;

    /// <summary>The working calendar copied from Dossiers, as it stands now.</summary>
    public Task<WorkingCalendar> CalendarAsync(CancellationToken cancellationToken) => workingDays.CurrentAsync(cancellationToken);

    /// <summary>
    /// Officials see the tasks their scope leads or coordinates (their unit and its sub-units; the
    /// whole agency for leadership and the follow-up office). Administrators, integrators and other
    /// Cchc services see all.
    /// </summary>
    public static IQueryable<DirectiveTask> VisibleTo(IQueryable<DirectiveTask> tasks, Caller caller)
    {
        if (caller.IsIn(Roles.Administrator) || caller.IsIn(Roles.Integrator) || caller.IsIn(Roles.Service))
        {
            return tasks;
        }
        if (caller.ScopeUnit is not { } scope)
        {
            return tasks.Where(t => false);
        }
        return WithinUnit(tasks, scope);
    }

    public static IQueryable<DirectiveTask> WithinUnit(IQueryable<DirectiveTask> tasks, string unit)
    {
        var subUnits = unit + ".";
        return tasks.Where(t => t.LeadUnitCode == unit || t.LeadUnitCode.StartsWith(subUnits)
            || t.CoordinatingUnitCodes.Any(c => c == unit || c.StartsWith(subUnits)));
    }

    /// <summary>The task if the caller may see it; NOT_FOUND otherwise, whether it exists or not.</summary>
    public async Task<DirectiveTask> FindVisibleAsync(string taskId, Caller caller, bool tracking, CancellationToken cancellationToken)
    {
        var query = VisibleTo(tracking ? db.Tasks : db.Tasks.AsNoTracking(), caller);
        var id = ParseId(taskId);
        return (id is null ? null : await query.FirstOrDefaultAsync(t => t.Id == id, cancellationToken))
            ?? throw RpcErrors.NotFound(ResourceType, taskId);
    }

    public static Guid? ParseId(string id) => Guid.TryParse(id, out var guid) ? guid : null;

    public async Task<V1.DirectiveTask> DescribeAsync(DirectiveTask task, CancellationToken cancellationToken) =>
        (await DescribeAsync([task], cancellationToken))[0];

    /// <summary>The tasks as callers read them, in the given order.</summary>
    public async Task<IReadOnlyList<V1.DirectiveTask>> DescribeAsync(IReadOnlyList<DirectiveTask> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return [];
        }
        // The roll-up needs every descendant, whoever may see it: a parent's percent is an aggregate.
        var all = tasks.DistinctBy(t => t.Id).ToDictionary(t => t.Id);
        var frontier = all.Keys.ToList();
        while (frontier.Count > 0)
        {
            var parents = frontier;
            var children = await db.Tasks.AsNoTracking()
                .Where(t => t.ParentTaskId != null && parents.Contains(t.ParentTaskId.Value))
                .ToListAsync(cancellationToken);
            frontier = children.Where(c => all.TryAdd(c.Id, c)).Select(c => c.Id).ToList();
        }
        var ids = all.Keys.ToList();
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.TaskId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.TaskId);
        var documentIds = tasks.Select(t => t.DocumentId).Distinct().ToList();
        var symbols = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Symbol })
            .ToDictionaryAsync(d => d.Id, d => d.Symbol, cancellationToken);

        var today = Today;
        var calendar = await CalendarAsync(cancellationToken);
        var standings = all.Values.ToDictionary(t => t.Id, t => TaskProgress.Evaluate(t, reports[t.Id].ToList(), today, calendar));
        var percents = ProgressRollup.Percentages(all.Values
            .Select(t => new RollupNode(t.Id, t.ParentTaskId, standings[t.Id].ReportedPercent, standings[t.Id].Done, t.Cancelled))
            .ToList());
        var subtasks = all.Values.Where(t => t.ParentTaskId is not null).ToLookup(t => t.ParentTaskId!.Value);

        var described = tasks.Select(t => t.Id).ToList();
        var chaseUps = await db.ChaseUps.AsNoTracking().Where(c => described.Contains(c.TaskId))
            .GroupBy(c => c.TaskId)
            .Select(g => new { TaskId = g.Key, Count = g.Count(), Last = g.Max(c => c.SentAt) })
            .ToDictionaryAsync(c => c.TaskId, cancellationToken);

        return tasks.Select(t =>
        {
            var result = ToContract(t, standings[t.Id], percents[t.Id], subtasks[t.Id].Count(), symbols.GetValueOrDefault(t.DocumentId, ""));
            if (chaseUps.TryGetValue(t.Id, out var chased))
            {
                result.ChaseUpCount = chased.Count;
                result.LastChaseUpTime = Timestamp.FromDateTimeOffset(chased.Last);
            }
            return result;
        }).ToList();
    }

    public static V1.DirectiveTask ToContract(DirectiveTask task, TaskStanding standing, int percent, int subtaskCount, string documentSymbol)
    {
        var result = new V1.DirectiveTask
        {
            TaskId = task.Id.ToString(),
            DocumentId = task.DocumentId.ToString(),
            Number = task.Number,
            Title = task.Title,
            Content = task.Content,
            LeadUnitCode = task.LeadUnitCode,
            ParentTaskId = task.ParentTaskId?.ToString() ?? "",
            Remarks = task.Remarks,
            Status = (V1.DirectiveTaskStatus)standing.Status,
            Percent = percent,
            SubtaskCount = subtaskCount,
            AwaitingConfirmation = standing.AwaitingConfirmation,
            CompletedOn = standing.CompletedOn?.ToString(Dates.Format) ?? "",
            CancelReason = task.CancelReason,
            DocumentSymbol = documentSymbol,
            DueDate = standing.DueOn?.ToString(Dates.Format) ?? "",
            WorkingDaysLate = standing.WorkingDaysLate,
            Etag = task.Etag,
            CreateTime = Timestamp.FromDateTimeOffset(task.CreatedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(task.UpdatedAt),
        };
        result.CoordinatingUnitCodes.AddRange(task.CoordinatingUnitCodes);
        result.Officials.AddRange(task.Officials.Select(o => new V1.AssignedOfficial { Name = o.Name, Title = o.Title }));
        if (task.Schedule is { } schedule)
        {
            result.Recurrence = new V1.Recurrence
            {
                Frequency = (V1.RecurrenceFrequency)schedule.Frequency,
                DueDay = schedule.DueDay,
                DueMonth = schedule.DueMonth,
                StartsOn = schedule.StartsOn.ToString(Dates.Format),
                EndsOn = schedule.EndsOn?.ToString(Dates.Format) ?? "",
            };
        }
        else if (task.Deadline is { } deadline)
        {
            result.Deadline = deadline.ToString(Dates.Format);
        }
        if (standing.LatestReport is { } latest)
        {
            result.LatestReport = ToContract(latest);
        }
        return result;
    }

    public static V1.ProgressReport ToContract(ProgressReport report)
    {
        var result = new V1.ProgressReport
        {
            ReportId = report.Id.ToString(),
            TaskId = report.TaskId.ToString(),
            Period = report.Period,
            Text = report.Text,
            Percent = report.Percent,
            ReportedBy = report.ReportedBy,
            ReporterName = report.ReporterName,
            ReporterUnitCode = report.ReporterUnitCode,
            ReportTime = Timestamp.FromDateTimeOffset(report.ReportedAt),
            State = (V1.ReportState)report.State,
            ReviewedBy = report.ReviewedBy,
            SendBackReason = report.SendBackReason,
        };
        result.Evidence.AddRange(report.Evidence.Select(Files.ToContract));
        if (report.ReviewedAt is { } reviewed)
        {
            result.ReviewTime = Timestamp.FromDateTimeOffset(reviewed);
        }
        return result;
    }

    private static readonly DateOnly LatestUntil = new(2200, 12, 31);

    /// <summary>A page of the tasks the caller sees, in list order, filtered as asked, and the token of the next page (empty at the end).</summary>
    public async Task<(IReadOnlyList<DirectiveTask> Page, string NextPageToken)> ListAsync(Caller caller, string documentId, string parentTaskId, string unitCode,
        int requestedPageSize, string pageToken, CancellationToken cancellationToken)
    {
        var pageSize = PageTokens.Size(requestedPageSize);
        var after = PageTokens.Decode(pageToken);
        var query = VisibleTo(db.Tasks.AsNoTracking(), caller);
        if (documentId.Length > 0)
        {
            var document = ParseId(documentId);
            query = query.Where(t => t.DocumentId == document);
        }
        if (parentTaskId.Length > 0)
        {
            var parentId = ParseId(parentTaskId);
            query = query.Where(t => t.ParentTaskId == parentId);
        }
        if (unitCode.Length > 0)
        {
            query = WithinUnit(query, unitCode);
        }
        if (after is not null)
        {
            query = query.Where(t => string.Compare(t.ListKey, after) > 0);
        }

        var page = await query.OrderBy(t => t.ListKey).Take(pageSize + 1).ToListAsync(cancellationToken);
        return (page.Take(pageSize).ToList(), page.Count > pageSize ? PageTokens.Encode(page[pageSize - 1].ListKey) : "");
    }

    /// <summary>The periods of a recurring task due by <paramref name="until"/>, each with its standing as of today.</summary>
    public async Task<IReadOnlyList<InstanceStanding>> InstancesAsync(string taskId, string until, Caller caller, CancellationToken cancellationToken)
    {
        var validation = new Validation().RequireText(taskId, "task_id", 64);
        var last = Dates.Parse(until, "until", validation, required: true);
        validation.Require(last is null || last <= LatestUntil, "until", $"must be no later than {LatestUntil:yyyy-MM-dd}");
        validation.ThrowIfInvalid();
        var task = await FindVisibleAsync(taskId, caller, tracking: false, cancellationToken);
        if (task.Schedule is not { } schedule)
        {
            throw RpcErrors.FailedPrecondition("NOT_RECURRING", task.Id.ToString(), "The task has no recurrence, so it has no periods; its deadline is on the task.");
        }

        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.TaskId == task.Id).ToListAsync(cancellationToken);
        return TaskProgress.Instances(task, schedule.PeriodsDueBy(last!.Value), reports, Today, await CalendarAsync(cancellationToken));
    }

    /// <summary>A task's progress reports, newest first.</summary>
    public async Task<IReadOnlyList<ProgressReport>> ReportsAsync(string taskId, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().RequireText(taskId, "task_id", 64).ThrowIfInvalid();
        var task = await FindVisibleAsync(taskId, caller, tracking: false, cancellationToken);
        return await db.ProgressReports.AsNoTracking().Where(r => r.TaskId == task.Id)
            .OrderByDescending(r => r.ReportedAt).ToListAsync(cancellationToken);
    }
}
