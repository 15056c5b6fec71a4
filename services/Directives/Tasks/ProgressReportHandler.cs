using Cchc.Directives.ChangeFeed;
using Cchc.Directives.Data;
using Cchc.Directives.Documents;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Calendar;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Tasks;

/// <summary>
/// Progress reports and their review: the lead unit reports (per period of a recurring task), the
/// follow-up office of its agency confirms a report of 100% as completion or sends a report back.
/// Each saves the report with its change-feed event in one transaction.
/// </summary>
public sealed class ProgressReportHandler(DirectivesDbContext db, TaskReader reader, EventPayloads events, ServiceClock clock, ILogger<ProgressReportHandler> logger)
{
    private const string ReportResourceType = "cchc.directives.v1.ProgressReport";

    public async Task<(DirectiveTask Task, ProgressReport Report)> ReportAsync(string taskId, V1.ProgressReport? input, Caller caller, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .RequireText(taskId, "task_id", 64)
            .Require(input is not null, "report", "is required");
        validation.ThrowIfInvalid();
        validation
            .RequireText(input!.Text, "report.text", 10_000)
            .Require(input.Percent is >= 0 and <= 100, "report.percent", "must be between 0 and 100")
            .Require(input.Evidence.Count <= 50, "report.evidence", "must be at most 50 files");
        var evidence = input.Evidence.Select((e, i) => Files.Validate(e, $"report.evidence[{i}]", validation)).ToList();
        validation.ThrowIfInvalid();

        var task = await reader.FindVisibleAsync(taskId, caller, tracking: false, cancellationToken);
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
        await EnsureOpenAsync(task, period, cancellationToken);

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
        ], cancellationToken);
        logger.LogInformation("Progress {Percent}% reported on task {TaskId} by {Subject}", report.Percent, task.Id, caller.Subject);
        return (task, report);
    }

    public async Task<(DirectiveTask Task, ProgressReport Report)> ConfirmCompletionAsync(string taskId, string reportId, Caller caller, CancellationToken cancellationToken)
    {
        var (task, report) = await FindReportAsync(taskId, reportId, caller, cancellationToken);
        if (report.Percent != 100)
        {
            throw RpcErrors.FailedPrecondition("NOT_A_COMPLETION_REPORT", report.Id.ToString(),
                $"The report is at {report.Percent}%; only a report of 100% can be confirmed as completion.");
        }
        await EnsureOpenAsync(task, report.Period, cancellationToken);
        Review(report, ReportState.Confirmed, caller);
        await db.SaveWithEventsAsync(async ct =>
        [
            await events.TaskEventAsync(DirectiveEventTypes.CompletionConfirmed, task, ct, ReportDetails(report, new()
            {
                ["completedOn"] = VietnamTime.DateOn(report.ReportedAt).ToString(Dates.Format),
                ["reviewedBy"] = report.ReviewedBy,
            })),
        ], cancellationToken);
        logger.LogInformation("Completion of task {TaskId} confirmed from report {ReportId} by {Subject}", task.Id, report.Id, report.ReviewedBy);
        return (task, report);
    }

    public async Task<(DirectiveTask Task, ProgressReport Report)> SendBackAsync(string taskId, string reportId, string reason, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().RequireText(reason, "reason", 1000).ThrowIfInvalid();
        var (task, report) = await FindReportAsync(taskId, reportId, caller, cancellationToken);
        Review(report, ReportState.SentBack, caller);
        report.SendBackReason = reason.Trim();
        await db.SaveWithEventsAsync(async ct =>
        [
            await events.TaskEventAsync(DirectiveEventTypes.ReportSentBack, task, ct, ReportDetails(report, new()
            {
                ["reason"] = report.SendBackReason,
                ["reviewedBy"] = report.ReviewedBy,
            })),
        ], cancellationToken);
        logger.LogInformation("Report {ReportId} on task {TaskId} sent back by {Subject}", report.Id, task.Id, report.ReviewedBy);
        return (task, report);
    }

    private async Task<(DirectiveTask Task, ProgressReport Report)> FindReportAsync(string taskId, string reportId, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().RequireText(taskId, "task_id", 64).RequireText(reportId, "report_id", 64).ThrowIfInvalid();
        var task = await reader.FindVisibleAsync(taskId, caller, tracking: false, cancellationToken);
        // A coordinating agency's follow-up office sees the task but does not review its reports: only the
        // follow-up office of the lead unit's agency confirms or sends back.
        if (!caller.CanAccessUnit(task.LeadUnitCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The lead unit {task.LeadUnitCode} is outside your agency; the follow-up office of its agency reviews its reports."));
        }
        var id = TaskReader.ParseId(reportId);
        var report = await db.ProgressReports.FirstOrDefaultAsync(r => r.Id == id && r.TaskId == task.Id, cancellationToken)
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
}
