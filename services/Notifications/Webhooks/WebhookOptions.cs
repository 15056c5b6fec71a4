using Cchc.Notifications.Queues;

namespace Cchc.Notifications.Webhooks;

/// <summary>How often to retry and when to give up; configured under <c>Webhooks</c>.</summary>
public sealed class WebhookOptions : ILeasedQueueOptions
{
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>With the defaults, 60 attempts keep trying for about two and a half days before dead-lettering.</summary>
    public int MaxAttempts { get; set; } = 60;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    public int BatchSize { get; set; } = 128;
    public int Concurrency { get; set; } = 16;
    /// <summary>
    /// How many deliveries of one subject a round may send, one after the other, behind the first one due (itself
    /// included); 1 sends one per subject per round.
    /// </summary>
    public int ChainLength { get; set; } = 16;
    /// <summary>How long a claimed delivery is held; after a crash, another instance takes it over then.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// Whether endpoints on loopback, link-local, private or reserved addresses may be reached. Off in
    /// production (no SSRF to internal hosts or the metadata service); tests and a developer's AppHost
    /// turn it on for receivers on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>Base64 of 32 bytes that seals signing secrets at rest (see <see cref="WebhookSecrets"/>); keep it in a secret store.</summary>
    public string? SecretEncryptionKey { get; set; }
}
