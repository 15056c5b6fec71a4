using Cchc.Directives.ChangeFeed;
using Cchc.Directives.Data;
using Cchc.Directives.Documents;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Calendar;
using Cchc.SharedKernel.Organization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Tasks;

public sealed partial class TaskGrpcService(DirectivesDbContext db, TaskReader reader, EventPayloads events, ServiceClock clock, ILogger<TaskGrpcService> logger)
    : TaskService.TaskServiceBase
{
    private const string ReportResourceType = "cchc.directives.v1.ProgressReport";
    private const string LeadUnitOfficials = $"{Roles.ProcessingOfficer},{Roles.UnitHead}";
    private static readonly DateOnly LatestUntil = new(2200, 12, 31);
    // Ten years of working days: beyond that a date is the clearer way to say it.
    private const int MaxWorkingDays = 2500;

    [Authorize(Roles = DocumentGrpcService.Editors)]
    public override async Task<CreateTaskResponse> CreateTask(CreateTaskRequest request, ServerCallContext context)
    {
        new Validation().Require(request.Task is not null, "task", "is required").ThrowIfInvalid();
        var input = request.Task!;
        new Validation().RequireText(input.DocumentId, "task.document_id", 64).ThrowIfInvalid();
        var documentId = TaskReader.ParseId(input.DocumentId) is { } id && await db.Documents.AnyAsync(d => d.Id == id, context.CancellationToken)
            ? id
            : throw RpcErrors.NotFound(DocumentGrpcService.ResourceType, input.DocumentId);
        var fields = await ReadAsync(input, documentId, context.CancellationToken);
        var caller = context.GetCaller();
        EnsureMayAssign(caller, fields.LeadUnitCode);
        await EnsureNumberFreeAsync(documentId, fields.Number, taskId: null, context.CancellationToken);

        var task = new DirectiveTask { DocumentId = documentId, CreatedBy = caller.Subject, UpdatedBy = caller.Subject };
        fields.ApplyTo(task);
        db.Tasks.Add(task);
        await db.SaveWithEventsAsync(async ct => [await events.TaskEventAsync(DirectiveEventTypes.TaskCreated, task, ct)], context.CancellationToken);
        logger.LogInformation("Task {TaskId} (item {Number}) of document {DocumentId} assigned to {LeadUnit} by {Subject}",
            task.Id, task.Number, documentId, task.LeadUnitCode, caller.Subject);
        return new CreateTaskResponse { Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetTaskResponse> GetTask(GetTaskRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.TaskId, "task_id", 64).ThrowIfInvalid();
        var task = await reader.FindVisibleAsync(request.TaskId, context.GetCaller(), tracking: false, context.CancellationToken);
        return new GetTaskResponse { Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListTasksResponse> ListTasks(ListTasksRequest request, ServerCallContext context)
    {
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        var query = TaskReader.VisibleTo(db.Tasks.AsNoTracking(), context.GetCaller());
        if (request.DocumentId.Length > 0)
        {
            var documentId = TaskReader.ParseId(request.DocumentId);
            query = query.Where(t => t.DocumentId == documentId);
        }
        if (request.ParentTaskId.Length > 0)
        {
            var parentId = TaskReader.ParseId(request.ParentTaskId);
            query = query.Where(t => t.ParentTaskId == parentId);
        }
        if (request.UnitCode.Length > 0)
        {
            query = TaskReader.WithinUnit(query, request.UnitCode);
        }
        if (after is not null)
        {
            query = query.Where(t => string.Compare(t.ListKey, after) > 0);
        }

        var page = await query.OrderBy(t => t.ListKey).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListTasksResponse();
        response.Tasks.AddRange(await reader.DescribeAsync(page.Take(pageSize).ToList(), context.CancellationToken));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].ListKey);
        }
        return response;
    }

    [Authorize(Roles = DocumentGrpcService.Editors)]
    public override async Task<UpdateTaskResponse> UpdateTask(UpdateTaskRequest request, ServerCallContext context)
    {
        new Validation().Require(request.Task is not null, "task", "is required").ThrowIfInvalid();
        var input = request.Task!;
        new Validation()
            .RequireText(input.TaskId, "task.task_id", 64)
            .RequireText(input.Etag, "task.etag", 20)
            .Require(input.Etag.Length == 0 || uint.TryParse(input.Etag, out _), "task.etag", "must be the etag of a task read before")
            .ThrowIfInvalid();
        var caller = context.GetCaller();
        var task = await reader.FindVisibleAsync(input.TaskId, caller, tracking: true, context.CancellationToken);
        new Validation()
            .Require(input.DocumentId.Length == 0 || input.DocumentId == task.DocumentId.ToString(), "task.document_id", "cannot change; create the task in the other document instead")
            .ThrowIfInvalid();
        var fields = await ReadAsync(input, task.DocumentId, context.CancellationToken, task.Id);
        if (task.Etag != input.Etag)
        {
            throw RpcErrors.Aborted($"The task was changed after etag {input.Etag} was read; read it again (etag {task.Etag}) and reapply the change.");
        }
        EnsureMayAssign(caller, fields.LeadUnitCode);
        await EnsureNumberFreeAsync(task.DocumentId, fields.Number, task.Id, context.CancellationToken);

        db.Entry(task).Property(t => t.Version).OriginalValue = uint.Parse(input.Etag);
        var before = TaskFields.Of(task);
        fields.ApplyTo(task);
        task.UpdatedAt = ServiceClock.System.UtcNow();
        task.UpdatedBy = caller.Subject;
        var changed = before.ChangedFields(fields);
        await db.SaveWithEventsAsync(async ct => changed.Count == 0 ? [] :
        [
            await events.TaskEventAsync(DirectiveEventTypes.TaskUpdated, task, ct, new Dictionary<string, object?>
            {
                ["changedFields"] = changed,
                ["previousLeadUnitCode"] = before.LeadUnitCode != fields.LeadUnitCode ? before.LeadUnitCode : null,
                ["previousDeadline"] = before.Deadline != fields.Deadline ? before.Deadline?.ToString(Dates.Format) : null,
                ["updatedBy"] = caller.Subject,
            }),
        ], context.CancellationToken);
        return new UpdateTaskResponse { Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = DocumentGrpcService.Editors)]
    public override async Task<CancelTaskResponse> CancelTask(CancelTaskRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.TaskId, "task_id", 64).RequireText(request.Reason, "reason", 1000).ThrowIfInvalid();
        var caller = context.GetCaller();
        var task = await reader.FindVisibleAsync(request.TaskId, caller, tracking: true, context.CancellationToken);
        EnsureMayAssign(caller, task.LeadUnitCode);
        if (!task.Cancelled)
        {
            task.CancelledAt = ServiceClock.System.UtcNow();
            task.CancelledBy = caller.Subject;
            task.CancelReason = request.Reason.Trim();
            task.UpdatedAt = task.CancelledAt.Value;
            task.UpdatedBy = caller.Subject;
            await db.SaveWithEventsAsync(async ct =>
            [
                await events.TaskEventAsync(DirectiveEventTypes.TaskCancelled, task, ct, new Dictionary<string, object?>
                {
                    ["cancelReason"] = task.CancelReason,
                    ["cancelledBy"] = caller.Subject,
                }),
            ], context.CancellationToken);
            logger.LogInformation("Task {TaskId} cancelled by {Subject}", task.Id, caller.Subject);
        }
        return new CancelTaskResponse { Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListTaskInstancesResponse> ListTaskInstances(ListTaskInstancesRequest request, ServerCallContext context)
    {
        var validation = new Validation().RequireText(request.TaskId, "task_id", 64);
        var until = Dates.Parse(request.Until, "until", validation, required: true);
        validation.Require(until is null || until <= LatestUntil, "until", $"must be no later than {LatestUntil:yyyy-MM-dd}");
        validation.ThrowIfInvalid();
        var task = await reader.FindVisibleAsync(request.TaskId, context.GetCaller(), tracking: false, context.CancellationToken);
        if (task.Schedule is not { } schedule)
        {
            throw RpcErrors.FailedPrecondition("NOT_RECURRING", task.Id.ToString(), "The task has no recurrence, so it has no periods; its deadline is on the task.");
        }

        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.TaskId == task.Id).ToListAsync(context.CancellationToken);
        var instances = TaskProgress.Instances(task, schedule.PeriodsDueBy(until!.Value), reports, reader.Today,
            await reader.CalendarAsync(context.CancellationToken));
        var response = new ListTaskInstancesResponse();
        response.Instances.AddRange(instances.Select(i => new TaskInstance
        {
            Period = i.Period.Key,
            PeriodStart = i.Period.Start.ToString(Dates.Format),
            PeriodEnd = i.Period.End.ToString(Dates.Format),
            DueDate = i.Period.Due.ToString(Dates.Format),
            Status = (DirectiveTaskStatus)i.Status,
            CompletedOn = i.CompletedOn?.ToString(Dates.Format) ?? "",
            WorkingDueDate = i.DueOn.ToString(Dates.Format),
            WorkingDaysLate = i.WorkingDaysLate,
        }));
        return response;
    }

    [Authorize(Roles = LeadUnitOfficials)]
    public override async Task<ReportProgressResponse> ReportProgress(ReportProgressRequest request, ServerCallContext context)
    {
        var input = request.Report;
        var validation = new Validation()
            .RequireText(request.TaskId, "task_id", 64)
            .Require(input is not null, "report", "is required");
        validation.ThrowIfInvalid();
        validation
            .RequireText(input!.Text, "report.text", 10_000)
            .Require(input.Percent is >= 0 and <= 100, "report.percent", "must be between 0 and 100")
            .Require(input.Evidence.Count <= 50, "report.evidence", "must be at most 50 files");
        var evidence = input.Evidence.Select((e, i) => Files.Validate(e, $"report.evidence[{i}]", validation)).ToList();
        validation.ThrowIfInvalid();

        var caller = context.GetCaller();
        var task = await reader.FindVisibleAsync(request.TaskId, caller, tracking: false, context.CancellationToken);
        // A coordinating unit contributes through the lead unit, which alone answers for the task.
        if (caller.Unit is null || !caller.CanAccessUnit(task.LeadUnitCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Only officials of the lead unit {task.LeadUnitCode} report progress on this task; coordinating units report to it."));
        }
        var period = input.Period.Trim();
        if (task.Schedule is { } schedule)
        {
            new Validation().Require(schedule.FindPeriod(period) is not null, "report.period",
                "must be a period of the task's recurrence, e.g. 2026-Q1 (see ListTaskInstances)").ThrowIfInvalid();
        }
        else
        {
            new Validation().Require(period.Length == 0, "report.period", "must be empty: the task does not recur").ThrowIfInvalid();
        }
        await EnsureOpenAsync(task, period, context.CancellationToken);

        var report = new ProgressReport
        {
            TaskId = task.Id,
            Period = period,
            Text = input.Text.Trim(),
            Percent = input.Percent,
            Evidence = evidence,
            ReportedBy = caller.Subject,
            ReporterName = caller.Name,
            ReporterUnitCode = caller.Unit,
            ReportedAt = clock.UtcNow(),
        };
        db.ProgressReports.Add(report);
        await db.SaveWithEventsAsync(async ct =>
        [
            await events.TaskEventAsync(DirectiveEventTypes.ProgressReported, task, ct, ReportDetails(report, new()
            {
                ["reporterUnitCode"] = report.ReporterUnitCode,
                ["evidenceCount"] = report.Evidence.Count,
                // A report of 100% asks the follow-up office to confirm completion.
                ["completionRequested"] = report.Percent == 100,
            })),
        ], context.CancellationToken);
        logger.LogInformation("Progress {Percent}% reported on task {TaskId} by {Subject}", report.Percent, task.Id, caller.Subject);
        return new ReportProgressResponse { Report = TaskReader.ToContract(report), Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    // Services too: Indexes checks that a unit's self-assessment evidence exists.
    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override async Task<ListProgressReportsResponse> ListProgressReports(ListProgressReportsRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.TaskId, "task_id", 64).ThrowIfInvalid();
        var task = await reader.FindVisibleAsync(request.TaskId, context.GetCaller(), tracking: false, context.CancellationToken);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.TaskId == task.Id)
            .OrderByDescending(r => r.ReportedAt).ToListAsync(context.CancellationToken);
        var response = new ListProgressReportsResponse();
        response.Reports.AddRange(reports.Select(TaskReader.ToContract));
        return response;
    }

    [Authorize(Roles = Roles.FollowUpOffice)]
    public override async Task<ConfirmCompletionResponse> ConfirmCompletion(ConfirmCompletionRequest request, ServerCallContext context)
    {
        var (task, report) = await FindReportAsync(request.TaskId, request.ReportId, context);
        if (report.Percent != 100)
        {
            throw RpcErrors.FailedPrecondition("NOT_A_COMPLETION_REPORT", report.Id.ToString(),
                $"The report is at {report.Percent}%; only a report of 100% can be confirmed as completion.");
        }
        await EnsureOpenAsync(task, report.Period, context.CancellationToken);
        Review(report, ReportState.Confirmed, context.GetCaller());
        await db.SaveWithEventsAsync(async ct =>
        [
            await events.TaskEventAsync(DirectiveEventTypes.CompletionConfirmed, task, ct, ReportDetails(report, new()
            {
                ["completedOn"] = VietnamTime.DateOn(report.ReportedAt).ToString(Dates.Format),
                ["reviewedBy"] = report.ReviewedBy,
            })),
        ], context.CancellationToken);
        logger.LogInformation("Completion of task {TaskId} confirmed from report {ReportId} by {Subject}", task.Id, report.Id, report.ReviewedBy);
        return new ConfirmCompletionResponse { Report = TaskReader.ToContract(report), Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.FollowUpOffice)]
    public override async Task<SendBackReportResponse> SendBackReport(SendBackReportRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.Reason, "reason", 1000).ThrowIfInvalid();
        var (task, report) = await FindReportAsync(request.TaskId, request.ReportId, context);
        Review(report, ReportState.SentBack, context.GetCaller());
        report.SendBackReason = request.Reason.Trim();
        await db.SaveWithEventsAsync(async ct =>
        [
            await events.TaskEventAsync(DirectiveEventTypes.ReportSentBack, task, ct, ReportDetails(report, new()
            {
                ["reason"] = report.SendBackReason,
                ["reviewedBy"] = report.ReviewedBy,
            })),
        ], context.CancellationToken);
        logger.LogInformation("Report {ReportId} on task {TaskId} sent back by {Subject}", report.Id, task.Id, report.ReviewedBy);
        return new SendBackReportResponse { Report = TaskReader.ToContract(report), Task = await reader.DescribeAsync(task, context.CancellationToken) };
    }

    private async Task<(DirectiveTask Task, ProgressReport Report)> FindReportAsync(string taskId, string reportId, ServerCallContext context)
    {
        new Validation().RequireText(taskId, "task_id", 64).RequireText(reportId, "report_id", 64).ThrowIfInvalid();
        var caller = context.GetCaller();
        var task = await reader.FindVisibleAsync(taskId, caller, tracking: false, context.CancellationToken);
        // A coordinating agency's follow-up office sees the task but does not review its reports: only the
        // follow-up office of the lead unit's agency confirms or sends back.
        if (!caller.CanAccessUnit(task.LeadUnitCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The lead unit {task.LeadUnitCode} is outside your agency; the follow-up office of its agency reviews its reports."));
        }
        var id = TaskReader.ParseId(reportId);
        var report = await db.ProgressReports.FirstOrDefaultAsync(r => r.Id == id && r.TaskId == task.Id, context.CancellationToken)
            ?? throw RpcErrors.NotFound(ReportResourceType, reportId);
        if (report.State != ReportState.Submitted)
        {
            throw RpcErrors.FailedPrecondition("REPORT_ALREADY_REVIEWED", report.Id.ToString(),
                $"The report was already {(report.State == ReportState.Confirmed ? "confirmed" : "sent back")} by {report.ReviewedBy}.");
        }
        return (task, report);
    }

    private void Review(ProgressReport report, ReportState state, Caller caller)
    {
        report.State = state;
        report.ReviewedBy = caller.Subject;
        report.ReviewedAt = clock.UtcNow();
    }

    private static Dictionary<string, object?> ReportDetails(ProgressReport report, Dictionary<string, object?> details)
    {
        details["reportId"] = report.Id;
        details["period"] = report.Period.Length > 0 ? report.Period : null;
        details["reportPercent"] = report.Percent;
        return details;
    }

    /// <summary>A cancelled task, or a task (period) already confirmed complete, takes no more reports or confirmations.</summary>
    private async Task EnsureOpenAsync(DirectiveTask task, string period, CancellationToken cancellationToken)
    {
        if (task.Cancelled)
        {
            throw RpcErrors.FailedPrecondition("TASK_CANCELLED", task.Id.ToString(), $"The task was cancelled: {task.CancelReason}");
        }
        if (await db.ProgressReports.AnyAsync(r => r.TaskId == task.Id && r.Period == period && r.State == ReportState.Confirmed, cancellationToken))
        {
            throw RpcErrors.FailedPrecondition("TASK_COMPLETED", task.Id.ToString(),
                period.Length > 0 ? $"The report for {period} was already confirmed." : "The task's completion was already confirmed.");
        }
    }

    /// <summary>The follow-up office assigns within its agency; administrators anywhere.</summary>
    private static void EnsureMayAssign(Caller caller, string leadUnitCode)
    {
        if (!caller.CanAccessUnit(leadUnitCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The lead unit {leadUnitCode} is outside your agency; the follow-up office of its agency assigns its tasks."));
        }
    }

    private async Task EnsureNumberFreeAsync(Guid documentId, string number, Guid? taskId, CancellationToken cancellationToken)
    {
        if (await db.Tasks.AnyAsync(t => t.DocumentId == documentId && t.Number == number && t.Id != taskId, cancellationToken))
        {
            throw RpcErrors.AlreadyExists(TaskReader.ResourceType, $"item {number} of document {documentId}");
        }
    }

    /// <summary>A task's fields as a caller sets them, validated and checked against the registry.</summary>
    private sealed record TaskFields(
        string Number, string Title, string Content, string LeadUnitCode, List<string> CoordinatingUnitCodes, List<AssignedOfficial> Officials,
        DateOnly? Deadline, ReportSchedule? Recurrence, Guid? ParentTaskId, string Remarks)
    {
        public static TaskFields Of(DirectiveTask task) => new(task.Number, task.Title, task.Content, task.LeadUnitCode,
            [.. task.CoordinatingUnitCodes], [.. task.Officials], task.Deadline, task.Schedule, task.ParentTaskId, task.Remarks);

        /// <summary>The contract's names of the fields that differ in <paramref name="after"/>.</summary>
        public List<string> ChangedFields(TaskFields after)
        {
            var changed = new List<string>();
            void Check(bool same, string field)
            {
                if (!same)
                {
                    changed.Add(field);
                }
            }
            Check(Number == after.Number, "number");
            Check(Title == after.Title, "title");
            Check(Content == after.Content, "content");
            Check(LeadUnitCode == after.LeadUnitCode, "lead_unit_code");
            Check(CoordinatingUnitCodes.SequenceEqual(after.CoordinatingUnitCodes), "coordinating_unit_codes");
            Check(Officials.SequenceEqual(after.Officials), "officials");
            Check(Deadline == after.Deadline, "deadline");
            Check(Recurrence == after.Recurrence, "recurrence");
            Check(ParentTaskId == after.ParentTaskId, "parent_task_id");
            Check(Remarks == after.Remarks, "remarks");
            return changed;
        }

        public void ApplyTo(DirectiveTask task)
        {
            task.Number = Number;
            task.Title = Title;
            task.Content = Content;
            task.LeadUnitCode = LeadUnitCode;
            task.CoordinatingUnitCodes = CoordinatingUnitCodes;
            task.Officials = Officials;
            task.SetSchedule(Deadline, Recurrence);
            task.ParentTaskId = ParentTaskId;
            task.Remarks = Remarks;
            task.Index();
        }
    }

    private async Task<TaskFields> ReadAsync(V1.DirectiveTask input, Guid documentId, CancellationToken cancellationToken, Guid? selfId = null)
    {
        var number = input.Number.Trim();
        var lead = input.LeadUnitCode.Trim();
        var coordinators = input.CoordinatingUnitCodes.Select(c => c.Trim()).ToList();
        var validation = new Validation()
            .RequireText(number, "task.number", TaskNumber.MaxLength)
            .Require(number.Length == 0 || TaskNumber.IsValid(number), "task.number", "must be letters and digits in dot-separated parts, e.g. 1, 3.a, 6.2")
            .RequireText(input.Title, "task.title", 500)
            .Require(input.Content.Length <= 20_000, "task.content", "must be at most 20000 characters")
            .Require(input.Remarks.Length <= 2000, "task.remarks", "must be at most 2000 characters")
            .Require(lead.Length > 0, "task.lead_unit_code", "is required: a task has exactly one lead unit (chủ trì)")
            .Require(coordinators.Count <= 100, "task.coordinating_unit_codes", "must be at most 100 units")
            .Require(input.Officials.Count <= 20, "task.officials", "must be at most 20 officials");
        for (var i = 0; i < coordinators.Count; i++)
        {
            validation
                .Require(coordinators[i] != lead, $"task.coordinating_unit_codes[{i}]", "is the lead unit; a unit either leads or coordinates a task")
                .Require(coordinators.IndexOf(coordinators[i]) == i, $"task.coordinating_unit_codes[{i}]", "is listed twice");
        }
        foreach (var (official, i) in input.Officials.Select((o, i) => (o, i)))
        {
            validation
                .RequireText(official.Name, $"task.officials[{i}].name", 200)
                .Require(official.Title.Length <= 200, $"task.officials[{i}].title", "must be at most 200 characters");
        }

        DateOnly? deadline = null;
        ReportSchedule? recurrence = null;
        switch (input.ScheduleCase)
        {
            case V1.DirectiveTask.ScheduleOneofCase.Deadline:
                deadline = Dates.Parse(input.Deadline, "task.deadline", validation, required: true);
                break;
            case V1.DirectiveTask.ScheduleOneofCase.DueInWorkingDays:
                validation.Require(input.DueInWorkingDays is >= 1 and <= MaxWorkingDays, "task.due_in_working_days",
                    $"must be between 1 and {MaxWorkingDays} working days");
                if (validation.IsValid)
                {
                    deadline = (await reader.CalendarAsync(cancellationToken)).AddWorkingDays(reader.Today, input.DueInWorkingDays);
                }
                break;
            case V1.DirectiveTask.ScheduleOneofCase.Recurrence:
                var r = input.Recurrence;
                validation.Require(r.Frequency != V1.RecurrenceFrequency.Unspecified && Enum.IsDefined(r.Frequency), "task.recurrence.frequency",
                    "must be MONTHLY, QUARTERLY, HALF_YEARLY or YEARLY");
                var startsOn = Dates.Parse(r.StartsOn, "task.recurrence.starts_on", validation, required: true);
                var endsOn = Dates.Parse(r.EndsOn, "task.recurrence.ends_on", validation, required: false);
                if (validation.IsValid && startsOn is { } starts)
                {
                    recurrence = new ReportSchedule((RecurrenceFrequency)r.Frequency, r.DueDay, r.DueMonth, starts, endsOn);
                    foreach (var (field, description) in recurrence.Problems())
                    {
                        validation.Require(false, $"task.recurrence.{field}", description);
                    }
                }
                break;
        }

        var parentId = input.ParentTaskId.Length > 0 ? TaskReader.ParseId(input.ParentTaskId) : null;
        validation.Require(input.ParentTaskId.Length == 0 || parentId is not null, "task.parent_task_id", "must be the id of a task");
        validation.Require(parentId is null || parentId != selfId, "task.parent_task_id", "must not be the task itself");
        validation.ThrowIfInvalid();

        // Unit codes must name units of the registry, which lives in this same database.
        var codes = coordinators.Append(lead).Distinct().ToList();
        var known = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).Select(u => u.Code).ToListAsync(cancellationToken);
        validation.Require(known.Contains(lead), "task.lead_unit_code", $"no unit has the code '{lead}'");
        for (var i = 0; i < coordinators.Count; i++)
        {
            validation.Require(known.Contains(coordinators[i]), $"task.coordinating_unit_codes[{i}]", $"no unit has the code '{coordinators[i]}'");
        }
        if (parentId is not null)
        {
            var parent = await db.Tasks.AsNoTracking().Where(t => t.Id == parentId).Select(t => new { t.DocumentId }).FirstOrDefaultAsync(cancellationToken);
            var implemented = parent is not null && await db.DocumentReferences.AnyAsync(
                r => r.FromDocumentId == documentId && r.ToDocumentId == parent.DocumentId && r.Kind == Documents.ReferenceKind.Implements, cancellationToken);
            validation
                .Require(parent is not null, "task.parent_task_id", $"no task has the id '{input.ParentTaskId}'")
                .Require(parent is null || implemented, "task.parent_task_id",
                    "must be a task of a document that this task's document implements (add the IMPLEMENTS reference first)");
        }
        validation.ThrowIfInvalid();

        return new TaskFields(number, input.Title.Trim(), input.Content.Trim(), lead, coordinators,
            input.Officials.Select(o => new AssignedOfficial(o.Name.Trim(), o.Title.Trim())).ToList(),
            deadline, recurrence, parentId, input.Remarks.Trim());
    }
}
