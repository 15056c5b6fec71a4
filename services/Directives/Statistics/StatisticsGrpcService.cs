using System.Globalization;
using Cchc.Directives.Data;
using Cchc.Directives.Documents;
using Cchc.Directives.Domain.Documents;
using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Organization;
using Cchc.Directives.Tasks;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Calendar;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using DirectiveTask = Cchc.Directives.Tasks.DirectiveTask;
using TaskStatus = Cchc.Directives.Domain.Tasks.TaskStatus;
using ProgressReport = Cchc.Directives.Tasks.ProgressReport;
using Unit = Cchc.Directives.Organization.Unit;

namespace Cchc.Directives.Statistics;

public sealed class StatisticsGrpcService(DirectivesDbContext db, TaskReader reader, UnitDirectory units) : StatisticsService.StatisticsServiceBase
{
    private const string UnitResourceType = "cchc.directives.v1.Unit";
    private const int MaxPeriodYears = 10;

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetTaskStatisticsResponse> GetTaskStatistics(GetTaskStatisticsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var cancellationToken = context.CancellationToken;
        var today = reader.Today;
        var unitCode = request.UnitCode.Trim();
        if (unitCode.Length == 0)
        {
            unitCode = caller.ScopeUnit ?? "";
        }
        var validation = new Validation()
            .Require(unitCode.Length > 0, "unit_code", "is required: the caller has no unit of their own")
            .Require(unitCode.Length <= Unit.MaxCodeLength, "unit_code", $"must be at most {Unit.MaxCodeLength} characters");
        var start = Dates.Parse(request.PeriodStart, "period_start", validation, required: false) ?? new DateOnly(today.Year, 1, 1);
        var end = Dates.Parse(request.PeriodEnd, "period_end", validation, required: false) ?? new DateOnly(today.Year, 12, 31);
        validation
            .Require(start <= end, "period_end", "must not be before period_start")
            .Require(end <= start.AddYears(MaxPeriodYears), "period_end", $"must be at most {MaxPeriodYears} years after period_start")
            .ThrowIfInvalid();
        if (!SeesEverything(caller) && !caller.CanAccessUnit(unitCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Unit {unitCode} is outside your scope ({caller.ScopeUnit ?? "none"} and its sub-units)."));
        }
        if (!await db.Units.AnyAsync(u => u.Code == unitCode, cancellationToken))
        {
            throw RpcErrors.NotFound(UnitResourceType, unitCode);
        }

        // Statistics count what a unit leads (chủ trì): it alone answers for the task.
        var subUnits = unitCode + ".";
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.LeadUnitCode == unitCode || t.LeadUnitCode.StartsWith(subUnits))
            .ToListAsync(cancellationToken);
        var ids = tasks.Select(t => t.Id).ToList();
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.TaskId)).ToListAsync(cancellationToken)).ToLookup(r => r.TaskId);
        var calendar = await reader.CalendarAsync(cancellationToken);

        var byUnit = new Dictionary<string, TaskTally>();
        var totals = new TaskTally();
        foreach (var task in tasks)
        {
            var tally = byUnit.TryGetValue(task.LeadUnitCode, out var known) ? known : byUnit[task.LeadUnitCode] = new TaskTally();
            if (task.Schedule is null && task.Deadline is null)
            {
                if (!task.Cancelled)
                {
                    tally.AddOngoing();
                    totals.AddOngoing();
                }
                continue;
            }
            foreach (var status in StatusesDueIn(task, reports[task.Id].ToList(), start, end, today, calendar))
            {
                tally.Add(status);
                totals.Add(status);
            }
        }

        var names = await units.DescribeAsync(byUnit.Keys, cancellationToken);
        var response = new GetTaskStatisticsResponse
        {
            UnitCode = unitCode,
            PeriodStart = start.ToString(Dates.Format),
            PeriodEnd = end.ToString(Dates.Format),
            AsOf = today.ToString(Dates.Format),
            Totals = totals.ToContract(),
            Ongoing = totals.Ongoing,
        };
        response.Units.AddRange(byUnit
            .Where(u => u.Value.Total + u.Value.Ongoing > 0)
            .OrderBy(u => names.GetValueOrDefault(u.Key)?.Path ?? u.Key, StringComparer.Ordinal)
            .Select(u => new UnitTaskCounts
            {
                UnitCode = u.Key,
                UnitName = names.GetValueOrDefault(u.Key)?.Name ?? "",
                Counts = u.Value.ToContract(),
                Ongoing = u.Value.Ongoing,
            }));
        return response;
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetDirectiveSummaryResponse> GetDirectiveSummary(GetDirectiveSummaryRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.DocumentId, "document_id", 64).ThrowIfInvalid();
        var cancellationToken = context.CancellationToken;
        var rootId = TaskReader.ParseId(request.DocumentId);
        var root = rootId is null ? null : await db.Documents.AsNoTracking().Where(d => d.Id == rootId)
            .Select(d => new { d.Id, d.Kind, d.Symbol, d.IssuerName, d.IssueYear, d.IssueMonth, d.IssueDay, d.Summary })
            .FirstOrDefaultAsync(cancellationToken);
        if (root is null)
        {
            throw RpcErrors.NotFound(DocumentGrpcService.ResourceType, request.DocumentId);
        }

        var tree = await ImplementsEdges.TreeAsync(db, root.Id, cancellationToken);
        var visible = await TaskReader.VisibleTo(db.Tasks.AsNoTracking(), context.GetCaller())
            .Where(t => tree.Contains(t.DocumentId))
            .OrderBy(t => t.ListKey)
            .ToListAsync(cancellationToken);
        var described = await reader.DescribeAsync(visible, cancellationToken);
        var names = await units.DescribeAsync(visible.Select(t => t.LeadUnitCode), cancellationToken);
        var today = reader.Today;

        var totals = new TaskTally();
        var byUnit = new Dictionary<string, TaskTally>();
        var late = new List<LateTask>();
        foreach (var (task, view) in visible.Zip(described))
        {
            var status = (TaskStatus)view.Status;
            var tally = byUnit.TryGetValue(task.LeadUnitCode, out var known) ? known : byUnit[task.LeadUnitCode] = new TaskTally();
            tally.Add(status);
            totals.Add(status);
            if (task.Schedule is null && task.Deadline is null && !task.Cancelled)
            {
                tally.AddOngoing();
                totals.AddOngoing();
            }
            if (status is TaskStatus.Overdue or TaskStatus.DoneLate)
            {
                late.Add(new LateTask
                {
                    TaskId = view.TaskId,
                    DocumentId = view.DocumentId,
                    DocumentSymbol = view.DocumentSymbol,
                    Number = view.Number,
                    Title = view.Title,
                    LeadUnitCode = view.LeadUnitCode,
                    LeadUnitName = names.GetValueOrDefault(task.LeadUnitCode)?.Name ?? "",
                    Status = view.Status,
                    DueDate = view.DueDate,
                    CompletedOn = view.CompletedOn,
                    WorkingDaysLate = view.WorkingDaysLate,
                    DaysLate = DaysLate(view, today),
                    Percent = view.Percent,
                    ChaseUpCount = view.ChaseUpCount,
                });
            }
        }

        var response = new GetDirectiveSummaryResponse
        {
            Document = new DocumentSummary
            {
                DocumentId = root.Id.ToString(),
                Kind = (V1.DocumentKind)root.Kind,
                Symbol = root.Symbol,
                IssuerName = root.IssuerName,
                IssueDate = new PartialDate(root.IssueYear, root.IssueMonth, root.IssueDay).ToString(),
                Summary = root.Summary,
            },
            AsOf = today.ToString(Dates.Format),
            DocumentCount = tree.Count,
            Totals = totals.ToContract(),
        };
        response.ByLeadUnit.AddRange(byUnit
            .OrderBy(u => names.GetValueOrDefault(u.Key)?.Path ?? u.Key, StringComparer.Ordinal)
            .Select(u => new UnitTaskCounts
            {
                UnitCode = u.Key,
                UnitName = names.GetValueOrDefault(u.Key)?.Name ?? "",
                Counts = u.Value.ToContract(),
                Ongoing = u.Value.Ongoing,
            }));
        response.LateTasks.AddRange(late
            .OrderBy(t => t.Status == DirectiveTaskStatus.Overdue ? 0 : 1)
            .ThenByDescending(t => t.WorkingDaysLate)
            .ThenBy(t => t.DocumentSymbol, StringComparer.Ordinal)
            .ThenBy(t => TaskNumber.SortKey(t.Number), StringComparer.Ordinal));
        return response;
    }

    private static bool SeesEverything(Caller caller) => caller.IsIn(Roles.Administrator) || caller.IsIn(Roles.Integrator);

    /// <summary>
    /// The status of each item a task has due in [<paramref name="start"/>, <paramref name="end"/>]
    /// (on the working day it is due): the task itself for a deadline, each period for a recurring report.
    /// </summary>
    public static IEnumerable<TaskStatus> StatusesDueIn(DirectiveTask task, IReadOnlyCollection<ProgressReport> reports, DateOnly start, DateOnly end,
        DateOnly today, SharedKernel.Calendar.WorkingCalendar calendar)
    {
        if (task.Schedule is { } schedule)
        {
            // A due day moves at most past a holiday break, so two weeks' margin finds every period due by the end.
            var instances = TaskProgress.Instances(task, schedule.PeriodsDueBy(end.AddDays(14)), reports, today, calendar);
            var cancelledOn = task.CancelledAt is { } cancelled ? VietnamTime.DateOn(cancelled) : (DateOnly?)null;
            return instances
                .Where(i => i.DueOn >= start && i.DueOn <= end)
                // A recurring report cancelled owes no period due after the day it was cancelled.
                .Where(i => cancelledOn is null || i.DueOn <= cancelledOn)
                .Select(i => i.Status);
        }
        var standing = TaskProgress.Evaluate(task, reports, today, calendar);
        return standing.DueOn is { } due && due >= start && due <= end ? [standing.Status] : [];
    }

    private static int DaysLate(V1.DirectiveTask task, DateOnly today)
    {
        if (!DateOnly.TryParseExact(task.DueDate, Dates.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            return 0;
        }
        if (task.Status == DirectiveTaskStatus.Overdue)
        {
            return today.DayNumber - due.DayNumber;
        }
        return DateOnly.TryParseExact(task.CompletedOn, Dates.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var done) ? done.DayNumber - due.DayNumber : 0;
    }
}
