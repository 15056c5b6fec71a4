using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Messages;
using Cchc.Notifications.Templates;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Notifications.Digest;

/// <summary>Something overdue that is still open: a task past its deadline, a dossier step past its allowance.</summary>
public sealed class OverdueItem
{
    /// <summary><c>task:&lt;id&gt;</c> or <c>dossier:&lt;code&gt;</c>.</summary>
    public required string Key { get; init; }
    public required string UnitCode { get; set; }
    public required string Title { get; set; }
    public string Due { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>The local dates on which the digest went out.</summary>
public sealed class DigestRun
{
    public DateOnly Date { get; init; }
    public int Queued { get; init; }
    public DateTimeOffset RanAt { get; init; }
}

/// <summary>
/// Keeps the list of open overdue items from the events taken in — opened by <c>task.overdue</c> and
/// <c>dossier.step_overdue</c>, closed when the task is confirmed done or cancelled, or the dossier moves
/// on from that unit or finishes — in the same unit of work as the event.
/// </summary>
public static class OverdueTracker
{
    private static readonly HashSet<string> FinishedStatuses = ["3", "8", "9", "10"];

    public static async Task TrackAsync(NotificationsDbContext db, string eventType, string subject, JsonObject payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var values = EventValues.From(payload);
        string Value(params string[] names) => names.Select(n => values.GetValueOrDefault(n, "")).FirstOrDefault(v => v.Length > 0) ?? "";
        switch (eventType)
        {
            case "task.overdue":
            {
                var id = Value("task_id", "taskId");
                var unit = Value("lead_unit_code");
                if (id.Length > 0 && unit.Length > 0)
                {
                    var title = Value("task_title", "title");
                    var symbol = Value("document_symbol");
                    await OpenAsync(db, $"task:{id}", unit, symbol.Length > 0 ? $"Nhiệm vụ \"{title}\" ({symbol})" : $"Nhiệm vụ \"{title}\"",
                        Value("due_date_text", "deadline", "due_date", "due"), now, cancellationToken);
                }
                break;
            }
            case "task.completion_confirmed" or "task.cancelled" or "task.done":
                await CloseAsync(db, $"task:{Value("task_id", "taskId")}", now, cancellationToken);
                break;
            case "dossier.step_overdue":
            {
                var unit = Value("unit_code", "current_unit_code");
                if (unit.Length > 0)
                {
                    var procedure = Value("procedure_name");
                    await OpenAsync(db, $"dossier:{subject}", unit, procedure.Length > 0 ? $"Hồ sơ {subject} ({procedure})" : $"Hồ sơ {subject}",
                        Value("step_due", "due_at"), now, cancellationToken);
                }
                break;
            }
            case "dossier.handed_over":
            case "dossier.status_changed" when FinishedStatuses.Contains(Value("status")):
                await CloseAsync(db, $"dossier:{subject}", now, cancellationToken);
                break;
        }
    }

    private static async Task OpenAsync(NotificationsDbContext db, string key, string unit, string title, string due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = db.OverdueItems.Local.FirstOrDefault(i => i.Key == key) ?? await db.OverdueItems.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (item is null)
        {
            db.OverdueItems.Add(new OverdueItem { Key = key, UnitCode = unit, Title = title, Due = due, OpenedAt = now });
            return;
        }
        item.UnitCode = unit;
        item.Title = title;
        item.Due = due;
        if (item.ClosedAt is not null)
        {
            item.ClosedAt = null;
            item.OpenedAt = now;
        }
    }

    private static async Task CloseAsync(NotificationsDbContext db, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = db.OverdueItems.Local.FirstOrDefault(i => i.Key == key) ?? await db.OverdueItems.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (item is { ClosedAt: null })
        {
            item.ClosedAt = now;
        }
    }
}

/// <summary>
/// Once a day (after <see cref="MessageOptions.DigestHour"/>, Vietnam time), each unit head receives
/// one message listing what is overdue and still open in their unit and the units below it. A second
/// run for the same date queues nothing: each digest's key is (head, date).
/// </summary>
public sealed class DailyDigest(IServiceProvider services, IOptions<MessageOptions> options, MessagePlanner planner, MessageSignal signal, ILogger<DailyDigest> logger)
    : BackgroundService
{
    public const string Kind = "digest.overdue";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                var now = DateTimeOffset.UtcNow;
                if (now.ToOffset(VietnamTime.Offset).Hour >= options.Value.DigestHour)
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
                    if (!await db.DigestRuns.AnyAsync(r => r.Date == VietnamTime.DateOn(now), stoppingToken))
                    {
                        await RunAsync(db, VietnamTime.DateOn(now), stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The daily digest failed; it is tried again in a minute");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<(int Queued, int Empty)> RunAsync(NotificationsDbContext db, DateOnly date, CancellationToken cancellationToken)
    {
        var now = ServiceClock.System.UtcNow();
        var heads = await db.Recipients.AsNoTracking().Where(r => r.Active && r.UnitHead).OrderBy(r => r.OfficialId).ToListAsync(cancellationToken);
        var open = await db.OverdueItems.AsNoTracking().Where(i => i.ClosedAt == null).OrderBy(i => i.OpenedAt).ToListAsync(cancellationToken);
        var planned = new List<OutboundMessage>();
        var empty = 0;
        var channels = planner.ConfiguredChannels;
        foreach (var head in heads)
        {
            var items = open.Where(i => head.Heads(i.UnitCode)).ToList();
            if (items.Count == 0)
            {
                empty++;
                continue;
            }
            var list = new StringBuilder();
            foreach (var (item, index) in items.Select((item, index) => (item, index)))
            {
                list.Append(CultureInfo.InvariantCulture, $"{index + 1}. {item.Title}");
                if (item.Due.Length > 0)
                {
                    list.Append(CultureInfo.InvariantCulture, $" — hạn {item.Due}");
                }
                list.Append(CultureInfo.InvariantCulture, $" (đơn vị {item.UnitCode})\n");
            }
            var values = new Dictionary<string, string>
            {
                ["unit_code"] = head.UnitCode,
                ["date"] = date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                ["count"] = items.Count.ToString(CultureInfo.InvariantCulture),
                ["items"] = list.ToString().TrimEnd(),
            };
            foreach (var channel in channels.Where(c => c == NotificationChannel.Email && head.Channels.Contains(c)))
            {
                planned.Add(new OutboundMessage
                {
                    Kind = Kind,
                    Subject = head.UnitCode,
                    Channel = channel,
                    RecipientKind = RecipientKind.Official,
                    Recipient = head.OfficialId,
                    Values = values,
                    DedupKey = $"digest:{date:yyyy-MM-dd}|{Kind}|{channel}|{RecipientKind.Official}:{head.OfficialId}",
                    CreatedAt = now,
                    NextAttemptAt = Recipients.QuietHours.NextAllowed(now, head.QuietFrom, head.QuietUntil),
                    LeaseUntil = now,
                });
            }
        }
        var queued = await MessagePlanner.AddNewAsync(db, planned, cancellationToken);
        if (!await db.DigestRuns.AnyAsync(r => r.Date == date, cancellationToken))
        {
            db.DigestRuns.Add(new DigestRun { Date = date, Queued = queued, RanAt = now });
        }
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return (queued, empty);
    }
}
