using System.Globalization;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.Records;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cchc.Dossiers.Calendar;

/// <summary>When to look; configured under <c>Dossiers:CalendarYearWatch</c>.</summary>
public sealed class CalendarYearWatchOptions
{
    public const string Section = "Dossiers:CalendarYearWatch";

    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>From this day of the year (Vietnam time, "MM-dd") the coming year must have its official schedule.</summary>
    public string NoticeFrom { get; set; } = "11-01";
}

/// <summary>
/// From 1 November (Vietnam time), when the coming year has no confirmed official schedule, writes
/// <c>calendar.year_provisional</c> on the change feed — once per year: the notice row (keyed by the
/// year) and the event commit together, so restarts and several instances never write it twice.
/// Notifications tells the administrators, who enter and confirm the schedule once the Prime Minister
/// has decided it. Dossiers received meanwhile count the Labour Code's holidays and say provisional.
/// </summary>
public sealed class CalendarYearWatch(IServiceScopeFactory scopes, ServiceClock clock, IOptions<CalendarYearWatchOptions> options,
    ILogger<CalendarYearWatch> logger) : BackgroundService
{
    public const string EventType = "calendar.year_provisional";
    public const string Audience = "administrator";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        await Cchc.ServiceDefaults.Hosting.PeriodicWork.RunAsync("calendar year watch", options.Value.Interval, CheckAsync, logger, stoppingToken);
    }

    /// <returns>The year the notice was written for now, or null when none was due or it was written before.</returns>
    public async Task<int?> CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(now));
        var from = DateOnly.ParseExact($"{today.Year}-{options.Value.NoticeFrom}", "yyyy-MM-dd", Invariant);
        if (today < from)
        {
            return null;
        }
        var year = today.Year + 1;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        if (await db.CalendarYears.AnyAsync(y => y.Year == year, cancellationToken)
            || await db.CalendarYearNotices.AnyAsync(n => n.Year == year, cancellationToken))
        {
            return null;
        }

        var derived = LegalCalendar.DerivedFor(year);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                db.CalendarYearNotices.Add(new CalendarYearNotice { Year = year, RaisedAt = now });
                await db.SaveChangesAsync(ct);
                await ChangeFeedWriter.AppendAsync(db,
                [
                    new PendingEvent(EventType, "", now, new Dictionary<string, object>
                    {
                        ["year"] = year,
                        // Who should act: the calendar is administered by administrators (docs/calendar.md).
                        ["audience"] = Audience,
                        ["notice_date"] = today.ToString("dd/MM/yyyy", Invariant),
                        ["derived_days"] = string.Join("; ", derived.Select(d => $"{d.Date:dd/MM/yyyy} ({d.Name})")),
                        ["derived_day_count"] = derived.Count,
                    }),
                ], ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
            logger.LogWarning("The official schedule of days off for {Year} is not entered; the calendar counts the Labour Code's holidays for it", year);
            return year;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance wrote it between our read and our write.
            db.ChangeTracker.Clear();
            return null;
        }
    }
}
