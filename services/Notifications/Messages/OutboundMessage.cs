using Cchc.Notifications.Queues;
using Cchc.Notifications.Templates;

namespace Cchc.Notifications.Messages;

public enum MessageState
{
    Pending = 1,
    Sent = 2,
    Dead = 3,
    Skipped = 4,
}

public enum RecipientKind
{
    Official = 1,
    Applicant = 2,
}

/// <summary>
/// One e-mail or SMS to one recipient, decided when its event was taken in. The address is resolved
/// when sending (the official's current one; the applicant's from Dossiers), so no applicant's
/// personal data rests here beyond a masked address.
/// </summary>
public sealed class OutboundMessage
{
    public long Sequence { get; init; }
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? EventId { get; init; }
    /// <summary>The template's event type: the event's, or a kind derived from it (e.g. <c>dossier.result_ready</c>).</summary>
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public NotificationChannel Channel { get; init; }
    public RecipientKind RecipientKind { get; init; }
    public required string Recipient { get; init; }
    public string MaskedAddress { get; set; } = "";
    public int TemplateVersion { get; set; }
    /// <summary>The values the template is rendered with, from the event (never personal data).</summary>
    public Dictionary<string, string> Values { get; init; } = [];
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>Unique: the same key never queues a second message.</summary>
    public required string DedupKey { get; init; }
    public bool Urgent { get; init; }
    public MessageState State { get; set; } = MessageState.Pending;
    public string Note { get; set; } = "";
    public int AttemptCount { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset LeaseUntil { get; set; }
    /// <summary>The dispatcher instance sending it now; cleared when the attempt is recorded, so one left behind marks an interrupted attempt.</summary>
    public Guid? LeaseOwner { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
}

public sealed class MessageAttemptRecord
{
    public long Id { get; init; }
    public Guid MessageId { get; init; }
    public int Number { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public bool Succeeded { get; init; }
    public string Answer { get; init; } = "";
    public int DurationMs { get; init; }
}

/// <summary>Retries and batching of e-mail and SMS; configured under <c>Messages</c>.</summary>
public sealed class MessageOptions : ILeasedQueueOptions
{
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>With the defaults, about two days of trying before dead-lettering.</summary>
    public int MaxAttempts { get; set; } = 50;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 64;
    public int Concurrency { get; set; } = 8;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>The sender of e-mail when the connection string names none.</summary>
    public string From { get; set; } = "Cchc <no-reply@cchc.local>";
    /// <summary>Quiet hours for SMS to applicants ("HH:mm", Vietnam time); urgent messages excepted.</summary>
    public string ApplicantQuietFrom { get; set; } = "21:00";
    public string ApplicantQuietUntil { get; set; } = "07:00";
    /// <summary>The local hour after which each day's digest of overdue items goes to unit heads.</summary>
    public int DigestHour { get; set; } = 7;
}

/// <summary>Masks an address for the log: enough to tell which, not enough to use.</summary>
public static class AddressMask
{
    public static string Mask(string address)
    {
        if (address.Length == 0)
        {
            return "";
        }
        var at = address.IndexOf('@');
        if (at > 0)
        {
            return address[0] + new string('*', Math.Max(3, at - 1)) + address[at..];
        }
        return address.Length <= 4 ? new string('*', address.Length) : address[..2] + new string('*', address.Length - 4) + address[^2..];
    }
}
