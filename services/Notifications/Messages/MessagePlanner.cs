using System.Text.Json.Nodes;
using Cchc.Notifications.Data;
using Cchc.Notifications.Inbox;
using Cchc.Notifications.Recipients;
using Cchc.Notifications.Templates;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Notifications.Messages;

/// <summary>
/// Decides, for an event being taken in, which e-mails and SMS go to whom, and adds them to the same
/// unit of work: the recipients' channels, muted kinds and quiet hours apply (urgent messages go
/// through); one message per (key, kind, channel, recipient), so a repeated key never sends twice.
/// </summary>
public sealed class MessagePlanner(IOptions<MessageOptions> options, EmailSender email, SmsSender sms)
{
    /// <summary>An event may name its own de-duplication key (e.g. one chase-up per task and day) in this payload field.</summary>
    public const string NotificationKeyField = "notification_key";

    public IReadOnlyList<NotificationChannel> ConfiguredChannels =>
        [.. new[] { (NotificationChannel.Email, email.Configured), (NotificationChannel.Sms, sms.Configured) }.Where(c => c.Item2).Select(c => c.Item1)];

    public async Task<int> PlanAsync(NotificationsDbContext db, Guid? eventId, string eventType, string subject, JsonObject payload, string dedupKey,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var channels = ConfiguredChannels;
        if (channels.Count == 0)
        {
            return 0;
        }
        var values = EventValues.From(payload);
        var baseKey = values.GetValueOrDefault(NotificationKeyField) is { Length: > 0 } own ? own : dedupKey;
        var planned = new List<OutboundMessage>();

        foreach (var rule in MessageRules.ApplicantRulesFor(eventType, values))
        {
            foreach (var channel in channels.Where(c => MessageRules.ApplicantReachable(c, values)))
            {
                var quietUntil = channel == NotificationChannel.Sms ? ApplicantQuiet(now) : now;
                planned.Add(New(eventId, rule.Kind, subject, channel, RecipientKind.Applicant, subject, values, baseKey, urgent: false, now, quietUntil));
            }
        }

        foreach (var (rule, addressee) in InAppRules.Addressees(eventType, payload))
        {
            foreach (var recipient in await ToldAsync(db, rule.Kind, addressee, cancellationToken))
            {
                if (!rule.Urgent && recipient.MutedKinds.Contains(eventType))
                {
                    continue;
                }
                foreach (var channel in channels.Where(recipient.Channels.Contains))
                {
                    var allowedAt = rule.Urgent ? now : QuietHours.NextAllowed(now, recipient.QuietFrom, recipient.QuietUntil);
                    planned.Add(New(eventId, eventType, subject, channel, RecipientKind.Official, recipient.OfficialId, values, baseKey, rule.Urgent, now, allowedAt));
                }
            }
        }
        return await AddNewAsync(db, planned, cancellationToken);
    }

    /// <summary>The active officials an addressee stands for: a unit's members (its head among them), an agency's leadership, one official, the administrators.</summary>
    private static Task<List<Recipient>> ToldAsync(NotificationsDbContext db, AddresseeKind kind, string addressee, CancellationToken cancellationToken)
    {
        var active = db.Recipients.AsNoTracking().Where(r => r.Active);
        return (kind switch
        {
            AddresseeKind.Unit => active.Where(r => r.UnitCode == addressee),
            AddresseeKind.Agency => active.Where(r => r.Leadership && (r.UnitCode == addressee || r.UnitCode.StartsWith(addressee + "."))),
            AddresseeKind.Official => active.Where(r => r.OfficialId == addressee),
            AddresseeKind.Administrators => active.Where(r => r.Administrator),
            _ => active.Where(_ => false),
        }).ToListAsync(cancellationToken);
    }

    /// <summary>Adds the messages whose key is new, leaving out those already stored or already in this unit of work.</summary>
    public static async Task<int> AddNewAsync(NotificationsDbContext db, IReadOnlyList<OutboundMessage> planned, CancellationToken cancellationToken)
    {
        if (planned.Count == 0)
        {
            return 0;
        }
        var keys = planned.Select(m => m.DedupKey).Distinct().ToList();
        var taken = (await db.Messages.AsNoTracking().Where(m => keys.Contains(m.DedupKey)).Select(m => m.DedupKey).ToListAsync(cancellationToken)).ToHashSet();
        taken.UnionWith(db.Messages.Local.Select(m => m.DedupKey));
        var added = 0;
        var versions = new Dictionary<(string, NotificationChannel), int>();
        foreach (var message in planned)
        {
            if (taken.Add(message.DedupKey))
            {
                if (!versions.TryGetValue((message.Kind, message.Channel), out var version))
                {
                    versions[(message.Kind, message.Channel)] = version = await LatestTemplateVersionAsync(db, message.Kind, message.Channel, cancellationToken);
                }
                // No template for this kind on this channel: nothing to say there.
                message.TemplateVersion = version;
                if (message.TemplateVersion > 0)
                {
                    db.Messages.Add(message);
                    added++;
                }
            }
        }
        return added;
    }

    public static async Task<int> LatestTemplateVersionAsync(NotificationsDbContext db, string kind, NotificationChannel channel, CancellationToken cancellationToken) =>
        await db.Templates.AsNoTracking()
            .Where(t => t.EventType == kind && t.Channel == channel)
            .MaxAsync(t => (int?)t.Version, cancellationToken) ?? 0;

    private DateTimeOffset ApplicantQuiet(DateTimeOffset now)
    {
        QuietHours.TryParse(options.Value.ApplicantQuietFrom, out var from);
        QuietHours.TryParse(options.Value.ApplicantQuietUntil, out var until);
        return QuietHours.NextAllowed(now, from, until);
    }

    private static OutboundMessage New(Guid? eventId, string kind, string subject, NotificationChannel channel, RecipientKind recipientKind, string recipient,
        Dictionary<string, string> values, string baseKey, bool urgent, DateTimeOffset now, DateTimeOffset allowedAt) => new()
    {
        EventId = eventId,
        Kind = kind,
        Subject = subject,
        Channel = channel,
        RecipientKind = recipientKind,
        Recipient = recipient,
        Values = values,
        DedupKey = $"{baseKey}|{kind}|{channel}|{recipientKind}:{recipient}",
        Urgent = urgent,
        CreatedAt = now,
        NextAttemptAt = allowedAt,
        LeaseUntil = now,
        Note = allowedAt > now ? $"quiet hours: held until {allowedAt.ToOffset(VietnamTime.Offset):HH:mm dd/MM/yyyy}" : "",
    };
}
