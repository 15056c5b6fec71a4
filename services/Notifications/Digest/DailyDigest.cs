using System.Globalization;
using System.Text;
using Cchc.Notifications.Data;
using Cchc.Notifications.Messages;
using Cchc.Notifications.Templates;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Notifications.Digest;

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
