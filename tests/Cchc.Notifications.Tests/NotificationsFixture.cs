using Cchc.ServiceDefaults;
using Cchc.Testing;

namespace Cchc.Notifications.Tests;

public sealed class NotificationsFixture() : ServiceFixture<Program>(Resources.NotificationsDb);

/// <summary>Retries compressed from minutes to milliseconds; many attempts, so an outage never dead-letters.</summary>
public sealed class PatientWebhookFixture() : ServiceFixture<Program>(Resources.NotificationsDb, settings: new Dictionary<string, string>
{
    ["Webhooks:BaseDelay"] = "00:00:00.050",
    ["Webhooks:MaxDelay"] = "00:00:00.300",
    ["Webhooks:MaxAttempts"] = "1000",
    ["Webhooks:PollInterval"] = "00:00:00.050",
    // The receivers listen on 127.0.0.1.
    ["Webhooks:AllowPrivateNetworks"] = "true",
});

/// <summary>Gives up after three quick attempts, to watch dead-lettering.</summary>
public sealed class ImpatientWebhookFixture() : ServiceFixture<Program>(Resources.NotificationsDb, settings: new Dictionary<string, string>
{
    ["Webhooks:BaseDelay"] = "00:00:00.050",
    ["Webhooks:MaxDelay"] = "00:00:00.100",
    ["Webhooks:MaxAttempts"] = "3",
    ["Webhooks:PollInterval"] = "00:00:00.050",
    // The receivers listen on 127.0.0.1.
    ["Webhooks:AllowPrivateNetworks"] = "true",
});

/// <summary>Signing secrets sealed at rest with a key from configuration.</summary>
public sealed class SealedSecretWebhookFixture() : ServiceFixture<Program>(Resources.NotificationsDb, settings: new Dictionary<string, string>
{
    ["Webhooks:BaseDelay"] = "00:00:00.050",
    ["Webhooks:MaxDelay"] = "00:00:00.300",
    ["Webhooks:PollInterval"] = "00:00:00.050",
    ["Webhooks:AllowPrivateNetworks"] = "true",
    ["Webhooks:SecretEncryptionKey"] = SecretKey,
})
{
    public static readonly string SecretKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
