using Cchc.Directives.ChangeFeed;
using Cchc.Directives.Data;
using Cchc.Directives.Documents;
using Cchc.Directives.Domain.Tasks;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Tasks;

/// <summary>
/// Assigns, amends and cancels tasks: validates what the caller gives in the contract's field order,
/// checks the registry and the caller's agency, keeps item numbers unique within a document, and saves
/// the task with its change-feed event in one transaction.
/// </summary>
public sealed class TaskAssignmentHandler(DirectivesDbContext db, TaskReader reader, EventPayloads events, ILogger<TaskAssignmentHandler> logger)
{
    // Ten years of working days: beyond that a date is the clearer way to say it.
    private const int MaxWorkingDays = 2500;

    public async Task<DirectiveTask> CreateAsync(V1.DirectiveTask? input, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().Require(input is not null, "task", "is required").ThrowIfInvalid();
        new Validation().RequireText(input!.DocumentId, "task.document_id", 64).ThrowIfInvalid();
        var documentId = TaskReader.ParseId(input.DocumentId) is { } id && await db.Documents.AnyAsync(d => d.Id == id, cancellationToken)
            ? id
            : throw RpcErrors.NotFound(DocumentGrpcService.ResourceType, input.DocumentId);
        var fields = await ReadAsync(input, documentId, cancellationToken);
        EnsureMayAssign(caller, fields.LeadUnitCode);
        await EnsureNumberFreeAsync(documentId, fields.Number, taskId: null, cancellationToken);

        var task = new DirectiveTask { DocumentId = documentId, CreatedBy = caller.Subject, UpdatedBy = caller.Subject };
        fields.ApplyTo(task);
        db.Tasks.Add(task);
        await db.SaveWithEventsAsync(async ct => [await events.TaskEventAsync(DirectiveEventTypes.TaskCreated, task, ct)], cancellationToken);
        logger.LogInformation("Task {TaskId} (item {Number}) of document {DocumentId} assigned to {LeadUnit} by {Subject}",
            task.Id, task.Number, documentId, task.LeadUnitCode, caller.Subject);
        return task;
    }

    public async Task<DirectiveTask> UpdateAsync(V1.DirectiveTask? input, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().Require(input is not null, "task", "is required").ThrowIfInvalid();
        new Validation()
            .RequireText(input!.TaskId, "task.task_id", 64)
            .RequireText(input.Etag, "task.etag", 20)
            .Require(input.Etag.Length == 0 || uint.TryParse(input.Etag, out _), "task.etag", "must be the etag of a task read before")
            .ThrowIfInvalid();
        var task = await reader.FindVisibleAsync(input.TaskId, caller, tracking: true, cancellationToken);
        new Validation()
            .Require(input.DocumentId.Length == 0 || input.DocumentId == task.DocumentId.ToString(), "task.document_id", "cannot change; create the task in the other document instead")
            .ThrowIfInvalid();
        var fields = await ReadAsync(input, task.DocumentId, cancellationToken, task.Id);
        if (task.Etag != input.Etag)
        {
            throw RpcErrors.Aborted($"The task was changed after etag {input.Etag} was read; read it again (etag {task.Etag}) and reapply the change.");
        }
        EnsureMayAssign(caller, fields.LeadUnitCode);
        await EnsureNumberFreeAsync(task.DocumentId, fields.Number, task.Id, cancellationToken);

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
        ], cancellationToken);
        return task;
    }

    public async Task<DirectiveTask> CancelAsync(string taskId, string reason, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().RequireText(taskId, "task_id", 64).RequireText(reason, "reason", 1000).ThrowIfInvalid();
        var task = await reader.FindVisibleAsync(taskId, caller, tracking: true, cancellationToken);
        EnsureMayAssign(caller, task.LeadUnitCode);
        if (!task.Cancelled)
        {
            task.CancelledAt = ServiceClock.System.UtcNow();
            task.CancelledBy = caller.Subject;
            task.CancelReason = reason.Trim();
            task.UpdatedAt = task.CancelledAt.Value;
            task.UpdatedBy = caller.Subject;
            await db.SaveWithEventsAsync(async ct =>
            [
                await events.TaskEventAsync(DirectiveEventTypes.TaskCancelled, task, ct, new Dictionary<string, object?>
                {
                    ["cancelReason"] = task.CancelReason,
                    ["cancelledBy"] = caller.Subject,
                }),
            ], cancellationToken);
            logger.LogInformation("Task {TaskId} cancelled by {Subject}", task.Id, caller.Subject);
        }
        return task;
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
