using Cchc.SharedKernel.Organization;
using Cchc.Directives.Documents;
using Cchc.Directives.Organization;
using Cchc.Directives.Tasks;
using Cchc.Directives.V1;
using Google.Protobuf.Reflection;
using DirectiveTask = Cchc.Directives.Tasks.DirectiveTask;
using Document = Cchc.Directives.Documents.Document;

namespace Cchc.Directives.ChangeFeed;

/// <summary>
/// Builds events with the facts a consumer decides on without calling back: for a task its document
/// symbol, number, title, units (lead, coordinating, agency), deadline, due date and status as of the
/// change. Notifications picks recipients from these: the lead unit for deadlines and chase-ups, the
/// agency's follow-up office (<c>followUpUnitCode</c>) for periodic reports due.
/// </summary>
public sealed class EventPayloads(TaskReader reader, UnitDirectory units, ServiceClock clock)
{
    public async Task<PendingEvent> TaskEventAsync(string type, DirectiveTask task, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, object?>? details = null, string? dedupKey = null)
    {
        var described = await reader.DescribeAsync(task, cancellationToken);
        var lead = await units.FindAsync(task.LeadUnitCode, cancellationToken);
        var payload = TaskFacts(described, lead);
        foreach (var (key, value) in details ?? new Dictionary<string, object?>())
        {
            payload[key] = value;
        }
        return new PendingEvent(type, task.DocumentId, task.Id, clock.UtcNow(), payload, dedupKey);
    }

    public async Task<PendingEvent> DocumentEventAsync(string type, Document document, CancellationToken cancellationToken)
    {
        var issuer = document.IssuerUnitCode is { } code ? await units.FindAsync(code, cancellationToken) : null;
        var payload = new Dictionary<string, object?>
        {
            ["documentId"] = document.Id,
            ["kind"] = Name(Enum(DocumentsReflection.Descriptor, "DocumentKind"), (int)document.Kind, "DOCUMENT_KIND_"),
            ["symbol"] = document.Symbol,
            ["numbered"] = document.Numbered,
            ["issuerUnitCode"] = document.IssuerUnitCode,
            ["issuerName"] = document.IssuerName,
            ["agencyCode"] = issuer?.AgencyCode,
            ["issueDate"] = document.IssueDate.ToString(),
            ["summary"] = document.Summary,
            ["implements"] = document.References.Where(r => r.Kind == Documents.ReferenceKind.Implements).Select(r => r.ToDocumentId).ToList(),
        };
        return new PendingEvent(type, document.Id, null, clock.UtcNow(), payload);
    }

    public static Dictionary<string, object?> TaskFacts(V1.DirectiveTask task, UnitInfo? lead) => new()
    {
        ["taskId"] = task.TaskId,
        ["documentId"] = task.DocumentId,
        ["documentSymbol"] = task.DocumentSymbol,
        ["number"] = task.Number,
        ["title"] = task.Title,
        ["leadUnitCode"] = task.LeadUnitCode,
        ["leadUnitName"] = lead?.Name,
        ["coordinatingUnitCodes"] = task.CoordinatingUnitCodes.ToList(),
        ["agencyCode"] = lead?.AgencyCode,
        // The agency's office, which follows up the task and receives its periodic reports.
        ["followUpUnitCode"] = lead?.FollowUpUnitCode,
        ["parentTaskId"] = NullIfEmpty(task.ParentTaskId),
        ["deadline"] = task.ScheduleCase == V1.DirectiveTask.ScheduleOneofCase.Deadline ? task.Deadline : null,
        ["recurrence"] = task.Recurrence is { } r
            ? new Dictionary<string, object?>
            {
                ["frequency"] = Name(Enum(TasksReflection.Descriptor, "RecurrenceFrequency"), (int)r.Frequency, "RECURRENCE_FREQUENCY_"),
                ["dueDay"] = r.DueDay,
                ["dueMonth"] = r.DueMonth,
            }
            : null,
        ["dueDate"] = NullIfEmpty(task.DueDate),
        ["status"] = StatusName(task.Status),
        ["percent"] = task.Percent,
        ["workingDaysLate"] = task.WorkingDaysLate,
    };

    /// <summary>"OVERDUE", "DONE_ON_TIME"…: the contract's value name without its prefix.</summary>
    public static string StatusName(DirectiveTaskStatus status) => Name(Enum(TasksReflection.Descriptor, "DirectiveTaskStatus"), (int)status, "DIRECTIVE_TASK_STATUS_");

    private static EnumDescriptor Enum(FileDescriptor file, string name) => file.EnumTypes.Single(e => e.Name == name);

    private static string Name(EnumDescriptor descriptor, int number, string prefix) =>
        descriptor.FindValueByNumber(number)?.Name.Replace(prefix, "", StringComparison.Ordinal) ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
