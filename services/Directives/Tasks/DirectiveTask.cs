using Cchc.Directives.Domain.Tasks;

namespace Cchc.Directives.Tasks;

/// <summary>
/// A numbered task (nhiệm vụ) of a document: one lead unit, coordinating units, and a deadline, a
/// recurring report or neither (an ongoing task). Its status and progress are computed from its
/// reports (<see cref="TaskProgress"/>), never stored.
/// </summary>
public sealed class DirectiveTask
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DocumentId { get; init; }
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public string Content { get; set; } = "";
    public string LeadUnitCode { get; set; } = "";
    public List<string> CoordinatingUnitCodes { get; set; } = [];
    public List<AssignedOfficial> Officials { get; set; } = [];
    public DateOnly? Deadline { get; set; }
    public RecurrenceFrequency? RecurrenceFrequency { get; set; }
    public int RecurrenceDueDay { get; set; }
    public int RecurrenceDueMonth { get; set; }
    public DateOnly? RecurrenceStartsOn { get; set; }
    public DateOnly? RecurrenceEndsOn { get; set; }
    public Guid? ParentTaskId { get; set; }
    public string Remarks { get; set; } = "";
    public DateTimeOffset? CancelledAt { get; set; }
    public string CancelledBy { get; set; } = "";
    public string CancelReason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; init; } = ServiceClock.System.UtcNow();
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; set; } = ServiceClock.System.UtcNow();
    public string UpdatedBy { get; set; } = "";

    /// <summary>PostgreSQL's xmin, the etag.</summary>
    public uint Version { get; set; }

    /// <summary>Document, then number in reading order; what lists page on. Kept by <see cref="Index"/>.</summary>
    public string ListKey { get; private set; } = "";

    public string Etag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool Cancelled => CancelledAt is not null;

    public ReportSchedule? Schedule => RecurrenceFrequency is { } frequency && RecurrenceStartsOn is { } starts
        ? new ReportSchedule(frequency, RecurrenceDueDay, RecurrenceDueMonth, starts, RecurrenceEndsOn)
        : null;

    public void SetSchedule(DateOnly? deadline, ReportSchedule? recurrence)
    {
        Deadline = deadline;
        RecurrenceFrequency = recurrence?.Frequency;
        RecurrenceDueDay = recurrence?.DueDay ?? 0;
        RecurrenceDueMonth = recurrence?.DueMonth ?? 0;
        RecurrenceStartsOn = recurrence?.StartsOn;
        RecurrenceEndsOn = recurrence?.EndsOn;
    }

    public void Index() => ListKey = $"{DocumentId:N}/{TaskNumber.SortKey(Number)}/{Id:N}";
}

public sealed record AssignedOfficial(string Name, string Title);

/// <summary>Mirrors <c>cchc.directives.v1.ReportState</c>.</summary>
public enum ReportState
{
    Submitted = 1,
    Confirmed = 2,
    SentBack = 3,
}

/// <summary>A progress report by the lead unit, with its evidence and the follow-up office's review.</summary>
public sealed class ProgressReport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TaskId { get; init; }
    /// <summary>The recurring task's period, e.g. "2026-Q1"; empty for other tasks.</summary>
    public string Period { get; init; } = "";
    public string Text { get; init; } = "";
    public int Percent { get; init; }
    public List<Documents.FileAttachment> Evidence { get; init; } = [];
    public string ReportedBy { get; init; } = "";
    public string ReporterName { get; init; } = "";
    public string ReporterUnitCode { get; init; } = "";
    public DateTimeOffset ReportedAt { get; init; } = ServiceClock.System.UtcNow();
    public ReportState State { get; set; } = ReportState.Submitted;
    public string ReviewedBy { get; set; } = "";
    public DateTimeOffset? ReviewedAt { get; set; }
    public string SendBackReason { get; set; } = "";

    public bool Counts => State != ReportState.SentBack;
}
