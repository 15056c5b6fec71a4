using Cchc.Directives.Calendar;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.Data;
using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Organization;
using Cchc.Directives.Tasks;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cchc.Directives.ChaseUps;

/// <summary>What one scan sent.</summary>
public sealed record ScanResult(int ChaseUps, int Overdue, int ReportsDue);

/// <summary>
/// Looks, at start and then every <see cref="ChaseUpOptions.ScanInterval"/>, for what is due today on
/// each open task (and each open period of a recurring task): a chase-up to the lead unit, a
/// <c>task.overdue</c> notice once it is past due, a <c>task.report_due</c> notice for a recurring
/// report coming due. Each has a key made of the task, period, due date and stage, held unique by the
/// database, and is written with its change-feed event in one transaction: scans repeated after a
/// restart, or run by two instances at once, send each exactly once.
/// </summary>
public sealed class ChaseUpScanner(IServiceScopeFactory scopes, ServiceClock clock, IOptions<ChaseUpOptions> options, ILogger<ChaseUpScanner> logger,
    CalendarMirror? calendar = null) : BackgroundService
{
    private sealed record Obligation(string Period, DateOnly DueOn);

    private sealed record Planned(DirectiveTask Task, List<ChaseUp> ChaseUps, List<(string Type, string Key, Obligation Obligation, int WorkingDays)> Notices);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (calendar is not null)
        {
            // The first scan counts working days on the freshest copy of the calendar, not on what was stored before start.
            try
            {
                await calendar.FirstAttempt.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await ScanAsync(stoppingToken);
                if (result.ChaseUps + result.Overdue + result.ReportsDue > 0)
                {
                    logger.LogInformation("Scan sent {ChaseUps} chase-up(s), {Overdue} overdue notice(s), {ReportsDue} report-due notice(s)",
                        result.ChaseUps, result.Overdue, result.ReportsDue);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "The chase-up scan failed; the next one picks up what it missed");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not a reason to stop the service: the next scan tries again, and the error is there to be seen.
                logger.LogError(ex, "The chase-up scan failed unexpectedly; the next one picks up what it missed");
            }
            try
            {
                await Task.Delay(options.Value.ScanInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over every open task, as of today on the working calendar.</summary>
    public async Task<ScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var today = clock.Today;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DirectivesDbContext>();
        var calendar = await services.GetRequiredService<WorkingDays>().CurrentAsync(cancellationToken);

        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.CancelledAt == null && (t.Deadline != null || t.RecurrenceFrequency != null))
            .ToListAsync(cancellationToken);
        var ids = tasks.Select(t => t.Id).ToList();
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.TaskId) && r.State == ReportState.Confirmed)
            .ToListAsync(cancellationToken)).ToLookup(r => r.TaskId);
        var units = await services.GetRequiredService<UnitDirectory>().DescribeAsync(tasks.Select(t => t.LeadUnitCode), cancellationToken);
        var documentIds = tasks.Select(t => t.DocumentId).Distinct().ToList();
        var symbols = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Symbol, cancellationToken);

        var plans = new List<Planned>();
        foreach (var task in tasks)
        {
            var plan = new Planned(task, [], []);
            foreach (var obligation in Open(task, reports[task.Id].ToList(), today, calendar, settings))
            {
                var key = $"{task.Id:N}:{obligation.Period}:{obligation.DueOn:yyyyMMdd}";
                if (ChaseUpSchedule.DueNow(obligation.DueOn, today, calendar, settings) is { } due)
                {
                    var lead = units.GetValueOrDefault(task.LeadUnitCode)?.Name ?? task.LeadUnitCode;
                    plan.ChaseUps.Add(new ChaseUp
                    {
                        TaskId = task.Id,
                        Period = obligation.Period,
                        DedupKey = $"auto:{key}:{due.Name}",
                        Stage = due.Stage,
                        DueOn = obligation.DueOn,
                        WorkingDaysToDue = due.WorkingDaysToDue,
                        LeadUnitCode = task.LeadUnitCode,
                        Message = ChaseUpMessages.Automatic(due, task.Number, task.Title, symbols.GetValueOrDefault(task.DocumentId, ""),
                            obligation.Period, obligation.DueOn, lead),
                        SentAt = clock.UtcNow(),
                        SentBy = ChaseUp.System,
                        SentByName = "Hệ thống theo dõi nhiệm vụ",
                    });
                }
                if (today > obligation.DueOn)
                {
                    plan.Notices.Add((DirectiveEventTypes.Overdue, $"overdue:{key}", obligation, calendar.CountWorkingDays(obligation.DueOn, today)));
                }
                if (obligation.Period.Length > 0 && ChaseUpSchedule.ReportDueNow(obligation.DueOn, today, calendar, settings))
                {
                    plan.Notices.Add((DirectiveEventTypes.ReportDue, $"report-due:{key}", obligation, calendar.CountWorkingDays(today, obligation.DueOn)));
                }
            }
            if (plan.ChaseUps.Count + plan.Notices.Count > 0)
            {
                plans.Add(plan);
            }
        }

        // What earlier scans sent already; the unique keys in the database stay the final word.
        var chaseUpKeys = plans.SelectMany(p => p.ChaseUps.Select(c => c.DedupKey)).ToList();
        var noticeKeys = plans.SelectMany(p => p.Notices.Select(n => n.Key)).ToList();
        var sentChaseUps = (await db.ChaseUps.AsNoTracking().Where(c => chaseUpKeys.Contains(c.DedupKey)).Select(c => c.DedupKey).ToListAsync(cancellationToken)).ToHashSet();
        var sentNotices = (await db.Events.AsNoTracking().Where(e => e.DedupKey != null && noticeKeys.Contains(e.DedupKey)).Select(e => e.DedupKey!).ToListAsync(cancellationToken)).ToHashSet();

        int chaseUps = 0, overdue = 0, reportsDue = 0;
        var payloads = services.GetRequiredService<EventPayloads>();
        foreach (var plan in plans)
        {
            var newChaseUps = plan.ChaseUps.Where(c => !sentChaseUps.Contains(c.DedupKey)).ToList();
            var newNotices = plan.Notices.Where(n => !sentNotices.Contains(n.Key)).ToList();
            if (newChaseUps.Count + newNotices.Count == 0)
            {
                continue;
            }
            db.ChaseUps.AddRange(newChaseUps);
            try
            {
                await db.SaveWithEventsAsync(async ct =>
                {
                    var events = new List<PendingEvent>();
                    foreach (var chaseUp in newChaseUps)
                    {
                        events.Add(await payloads.TaskEventAsync(DirectiveEventTypes.ChaseUp, plan.Task, ct, ChaseUpDetails(chaseUp), chaseUp.DedupKey));
                    }
                    foreach (var (type, key, obligation, workingDays) in newNotices)
                    {
                        events.Add(await payloads.TaskEventAsync(type, plan.Task, ct, new Dictionary<string, object?>
                        {
                            ["period"] = obligation.Period.Length > 0 ? obligation.Period : null,
                            ["periodDueDate"] = obligation.DueOn.ToString(Documents.Dates.Format),
                            [type == DirectiveEventTypes.Overdue ? "workingDaysLate" : "workingDaysLeft"] = workingDays,
                        }, key));
                    }
                    return events;
                }, cancellationToken);
                chaseUps += newChaseUps.Count;
                overdue += newNotices.Count(n => n.Type == DirectiveEventTypes.Overdue);
                reportsDue += newNotices.Count(n => n.Type == DirectiveEventTypes.ReportDue);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another instance's scan sent it between our check and our write.
                logger.LogDebug("Chase-ups of task {TaskId} were sent by a concurrent scan", plan.Task.Id);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return new ScanResult(chaseUps, overdue, reportsDue);
    }

    public static Dictionary<string, object?> ChaseUpDetails(ChaseUp chaseUp) => new()
    {
        ["chaseUpId"] = chaseUp.Id,
        ["stage"] = chaseUp.Stage switch
        {
            ChaseUpStage.BeforeDue => "BEFORE_DUE",
            ChaseUpStage.OnDue => "ON_DUE",
            ChaseUpStage.AfterDue => "AFTER_DUE",
            _ => "MANUAL",
        },
        ["period"] = chaseUp.Period.Length > 0 ? chaseUp.Period : null,
        ["periodDueDate"] = chaseUp.DueOn?.ToString(Documents.Dates.Format),
        ["workingDaysToDue"] = chaseUp.WorkingDaysToDue,
        ["message"] = chaseUp.Message,
        ["sentBy"] = chaseUp.SentBy,
        ["automatic"] = chaseUp.Stage != ChaseUpStage.Manual,
    };

    /// <summary>What the task still owes, each with the working day it is due: its deadline, or each open period due soon or already.</summary>
    private static IEnumerable<Obligation> Open(DirectiveTask task, IReadOnlyCollection<ProgressReport> confirmed, DateOnly today,
        WorkingCalendar calendar, ChaseUpOptions settings)
    {
        if (task.Schedule is { } schedule)
        {
            // Far enough ahead for the earliest notice: the longest lead time in working days, as calendar days with room for a holiday break.
            var lead = Math.Max(settings.BeforeDue.DefaultIfEmpty(0).Max(), settings.ReportDueWorkingDaysBefore);
            var horizon = calendar.AddWorkingDays(today, lead);
            foreach (var instance in TaskProgress.Instances(task, schedule.PeriodsDueBy(horizon.AddDays(14)), confirmed, today, calendar))
            {
                if (!instance.Status.IsDone() && instance.DueOn <= horizon)
                {
                    yield return new Obligation(instance.Period.Key, instance.DueOn);
                }
            }
        }
        else if (task.Deadline is { } deadline && !confirmed.Any(r => r.Period.Length == 0))
        {
            yield return new Obligation("", calendar.OnOrNextWorkingDay(deadline));
        }
    }
}
