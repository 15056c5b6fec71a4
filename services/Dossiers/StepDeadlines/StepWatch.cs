using System.Globalization;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Records;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cchc.Dossiers.StepDeadlines;

public enum StepAlertStage
{
    DueSoon = 1,
    Overdue = 2,
}

/// <summary>A warning raised once for one step of one dossier: its allowance about to run out, or run out.</summary>
public sealed class StepAlert
{
    public long Id { get; init; }
    public long DossierId { get; init; }
    public DateTimeOffset StepStartedAt { get; init; }
    public StepAlertStage Stage { get; init; }
    public required string UnitCode { get; init; }
    public DateTimeOffset StepDueAt { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}

/// <summary>When to warn; configured under <c>Dossiers:StepWatch</c>.</summary>
public sealed class StepWatchOptions
{
    public const string Section = "Dossiers:StepWatch";

    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Working time left in a step's allowance at which its unit is warned (default half a working day).</summary>
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>
/// Watches the step each dossier in processing is at (received or in progress, not paused for a
/// supplement): when the step's allowance, counted in working time on the calendar, is about to run
/// out it writes <c>dossier.step_due_soon</c>, and when it has run out <c>dossier.step_overdue</c> — once
/// per step and stage, the alert row and the feed event in one transaction, so restarts and several
/// instances never raise one twice. Notifications tells the unit's officials and its head.
/// </summary>
public sealed class StepWatch(IServiceScopeFactory scopes, Procedures.ProcedureCache procedures, ServiceClock clock, IOptions<StepWatchOptions> options,
    ILogger<StepWatch> logger) : BackgroundService
{
    private const int Batch = 500;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        await Cchc.ServiceDefaults.Hosting.PeriodicWork.RunAsync("step watch", options.Value.Interval, ScanAsync, logger, stoppingToken);
    }

    /// <returns>How many alerts of each stage were raised.</returns>
    public async Task<(int DueSoon, int Overdue)> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var scheduler = scope.ServiceProvider.GetRequiredService<AppointmentScheduler>();
        // One snapshot for the whole scan: the calendar and every agency's policy as stored now.
        var snapshot = await scheduler.SnapshotAsync(cancellationToken);
        var calculator = new AppointmentCalculator(snapshot.Calendar);
        var now = clock.UtcNow();
        var (dueSoon, overdue) = (0, 0);
        long after = 0;
        while (true)
        {
            // Only what the judgement and an alert need: the scan reads every open dossier once a minute, and whole rows
            // with their procedure joined (fees, papers, steps as JSON) made it the idle service's largest cost.
            var page = await db.Dossiers.AsNoTracking()
                .Where(d => d.Id > after && (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) && d.PausedAt == null)
                .OrderBy(d => d.Id).Take(Batch)
                .Select(d => new OpenStep(d.Id, d.Code, d.AgencyCode, d.ProcedureCode, d.ProcedureVersion, d.CurrentUnitCode,
                    d.CurrentStepStartedAt, d.CurrentStepAllowanceMinutes, d.CurrentStepPausedMinutes, d.DueAt, d.Status, d.Version))
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            after = page[^1].Id;
            var ids = page.Select(d => d.Id).ToList();
            var raised = (await db.StepAlerts.AsNoTracking().Where(a => ids.Contains(a.DossierId))
                    .Select(a => new { a.DossierId, a.StepStartedAt, a.Stage }).ToListAsync(cancellationToken))
                .Select(a => (a.DossierId, a.StepStartedAt, a.Stage)).ToHashSet();
            var alerts = new List<(OpenStep Dossier, StepAlert Alert)>();
            foreach (var dossier in page)
            {
                var policy = snapshot.PolicyFor(dossier.AgencyCode);
                var startedLocal = VietnamTime.ToLocal(dossier.CurrentStepStartedAt);
                var dueLocal = calculator.AddWorkingTime(startedLocal,
                    TimeSpan.FromMinutes(dossier.CurrentStepAllowanceMinutes + dossier.CurrentStepPausedMinutes), policy.Hours);
                var due = VietnamTime.FromLocal(dueLocal).ToUniversalTime();
                var stage = now >= due ? StepAlertStage.Overdue
                    : calculator.WorkingTimeBetween(VietnamTime.ToLocal(now), dueLocal, policy.Hours) <= options.Value.WarnBefore ? StepAlertStage.DueSoon
                    : (StepAlertStage?)null;
                // A step that went overdue between two scans skips its warning: "about to be late" would arrive late.
                if (stage is { } reached && !raised.Contains((dossier.Id, dossier.CurrentStepStartedAt, reached)))
                {
                    alerts.Add((dossier, new StepAlert
                    {
                        DossierId = dossier.Id,
                        StepStartedAt = dossier.CurrentStepStartedAt,
                        Stage = reached,
                        UnitCode = dossier.CurrentUnitCode,
                        StepDueAt = due,
                        RaisedAt = now,
                    }));
                }
            }
            if (alerts.Count > 0 && await RaiseAsync(db, alerts, now, cancellationToken))
            {
                dueSoon += alerts.Count(a => a.Alert.Stage == StepAlertStage.DueSoon);
                overdue += alerts.Count(a => a.Alert.Stage == StepAlertStage.Overdue);
            }
        }
        return (dueSoon, overdue);
    }

    private async Task<bool> RaiseAsync(DossiersDbContext db, List<(OpenStep Dossier, StepAlert Alert)> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The events' procedure names from the catalogue cache, read before the transaction.
        var events = new List<PendingEvent>(alerts.Count);
        foreach (var (dossier, alert) in alerts)
        {
            events.Add(Event(dossier, await procedures.NameAsync(db, dossier.ProcedureCode, dossier.ProcedureVersion, cancellationToken), alert, now));
        }
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                db.StepAlerts.AddRange(alerts.Select(a => a.Alert));
                await db.SaveChangesAsync(ct);
                await ChangeFeedWriter.AppendAsync(db, events, ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance raised them between our read and our write.
            logger.LogDebug("Step alerts of this batch were raised by another instance");
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static PendingEvent Event(OpenStep dossier, string procedureName, StepAlert alert, DateTimeOffset now)
    {
        var dueLocal = VietnamTime.ToLocal(alert.StepDueAt);
        return new PendingEvent(alert.Stage == StepAlertStage.Overdue ? DossierEventTypes.StepOverdue : DossierEventTypes.StepDueSoon, dossier.Code, now, new
        {
            agencyCode = dossier.AgencyCode,
            unitCode = alert.UnitCode,
            procedureCode = dossier.ProcedureCode,
            procedureName,
            stepStartedAt = alert.StepStartedAt,
            stepDueAt = alert.StepDueAt,
            stepDue = dueLocal.ToString("HH 'giờ' mm, 'ngày' dd/MM/yyyy", Invariant),
            dueAt = dossier.DueAt,
            status = (int)dossier.Status,
            version = dossier.Version,
        });
    }

    /// <summary>What the scan reads of one open dossier.</summary>
    private sealed record OpenStep(long Id, string Code, string AgencyCode, string ProcedureCode, int ProcedureVersion, string CurrentUnitCode,
        DateTimeOffset CurrentStepStartedAt, int CurrentStepAllowanceMinutes, int CurrentStepPausedMinutes, DateTimeOffset DueAt,
        DossierStatus Status, int Version);
}
