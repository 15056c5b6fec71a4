using Cchc.Directives.Data;
using Cchc.Directives.Tasks;
using Cchc.Dossiers.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CalendarDayKind = Cchc.SharedKernel.Calendar.CalendarDayKind;

namespace Cchc.Directives.Calendar;

/// <summary>The years a refresh copied and how many exceptions they hold.</summary>
public sealed record CalendarRefresh(IReadOnlyList<int> Years, int Days);

/// <summary>
/// Copies Dossiers' working calendar (<c>cchc.dossiers.v1.WorkingCalendar/ListCalendarDays</c>) into
/// this database at start and then periodically. A refresh replaces the copied years in one
/// transaction and only once every year was read and the whole calendar is valid, so a failure —
/// Dossiers down, a bad answer — leaves the last good copy in place.
/// </summary>
public sealed class CalendarMirror(
    IServiceScopeFactory scopes, Dossiers.V1.WorkingCalendar.WorkingCalendarClient dossiers, ServiceClock clock,
    IOptions<CalendarOptions> options, ILogger<CalendarMirror> logger) : BackgroundService
{
    // One arbitrary key: two refreshes (two instances, or a test's and the timer's) replace one after the other.
    private const long CopyLock = 0x43434843_0002;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first refresh after start has succeeded or failed, so what counts working days at start can wait for it.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value;
            TimeSpan wait;
            try
            {
                var refresh = await RefreshAsync(stoppingToken);
                failures = 0;
                wait = settings.RefreshInterval;
                logger.LogInformation("Working calendar copied from Dossiers: {Days} days off or worked in {First}–{Last}",
                    refresh.Days, refresh.Years[0], refresh.Years[^1]);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Whatever fails (Dossiers, the database, EF giving up its retries) is tried again later: the copy never stops the service.
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                wait = TimeSpan.FromTicks(Math.Min(settings.RefreshInterval.Ticks, settings.RetryDelay.Ticks * (1L << Math.Min(failures - 1, 20))));
                logger.LogWarning("Copying the working calendar from Dossiers failed ({Failures} in a row: {Error}); the stored copy stays in use, next try in {Wait}",
                    failures, ex.Message, wait);
            }
            finally
            {
                _firstAttempt.TrySetResult();
            }
            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads every year of the window from Dossiers, then replaces those years of the copy.</summary>
    public async Task<CalendarRefresh> RefreshAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var year = clock.Today.Year;
        var years = Enumerable.Range(year - settings.YearsBack, settings.YearsBack + settings.YearsAhead + 1).ToList();
        var copiedAt = clock.UtcNow();
        var fetched = new List<CopiedCalendarDay>();
        foreach (var y in years)
        {
            var answer = await dossiers.ListCalendarDaysAsync(new ListCalendarDaysRequest { Year = y },
                deadline: DateTime.UtcNow.Add(CallTimeout), cancellationToken: cancellationToken);
            fetched.AddRange(answer.Days.Select(d => ToCopy(d, copiedAt)));
        }
        try
        {
            _ = new SharedKernel.Calendar.WorkingCalendar(fetched.Select(d => d.ToException()));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Dossiers answered a calendar that does not hold together: {ex.Message}", ex);
        }

        var first = new DateOnly(years[0], 1, 1);
        var last = new DateOnly(years[^1], 12, 31);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectivesDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CopyLock})", ct);
            await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ExecuteDeleteAsync(ct);
            db.CalendarDays.AddRange(fetched);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        return new CalendarRefresh(years, fetched.Count);
    }

    private static CopiedCalendarDay ToCopy(CalendarDay day, DateTimeOffset copiedAt)
    {
        if (!DateOnly.TryParseExact(day.Date, "yyyy-MM-dd", out var date))
        {
            throw new InvalidDataException($"Dossiers answered a calendar day dated '{day.Date}'.");
        }
        return new CopiedCalendarDay
        {
            Date = date,
            Kind = day.Kind switch
            {
                Dossiers.V1.CalendarDayKind.Holiday => CalendarDayKind.Holiday,
                Dossiers.V1.CalendarDayKind.Compensatory => CalendarDayKind.Compensatory,
                Dossiers.V1.CalendarDayKind.SwapOff => CalendarDayKind.SwapOff,
                Dossiers.V1.CalendarDayKind.SwapWorkday => CalendarDayKind.SwapWorkday,
                _ => throw new InvalidDataException($"Dossiers answered the day {day.Date} with the unknown kind {day.Kind}."),
            },
            Name = day.Name,
            LegalReference = day.LegalReference,
            SourceUpdatedAt = day.UpdateTime?.ToDateTimeOffset(),
            CopiedAt = copiedAt,
        };
    }
}
