extern alias dossiers;
extern alias directives;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using DirectivesProgram = directives::Program;
using DossiersProgram = dossiers::Program;

namespace Cchc.Notifications.Tests;

/// <summary>
/// Notifications with every channel real: an SMTP server (aiosmtpd) and an SMS gateway on loopback
/// ports, and a Dossiers service on the network whose change feed it consumes and whose applicants'
/// contacts it reads, and a Directives service whose registry fills the recipient directory. Retries are compressed to milliseconds; the daily digest runs only when asked.
/// </summary>
public sealed class MessagingFixture : IAsyncLifetime
{
    public MailSink Mail { get; } = new();
    public SmsProviderReceiver Sms { get; } = new();
    public NetworkService<DossiersProgram> Dossiers { get; private set; } = null!;
    public NetworkService<DirectivesProgram> Directives { get; private set; } = null!;
    public ServiceFixture<Program> Notifications { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Mail.StartAsync();
        await Sms.StartAsync();
        Dossiers = await NetworkService<DossiersProgram>.StartAsync(Resources.DossiersDb);
        Directives = await NetworkService<DirectivesProgram>.StartAsync(Resources.DirectivesDb,
            new Dictionary<string, string>(Dossiers.DiscoverySettings(Resources.Dossiers).Concat(TestIdentity.ServiceCredentials(Resources.Directives))));
        var settings = new Dictionary<string, string>(TestIdentity.ServiceCredentials(Resources.Notifications))
        {
            [$"ConnectionStrings:{Resources.Smtp}"] = Mail.ConnectionString,
            [$"ConnectionStrings:{Resources.Sms}"] = Sms.ConnectionString,
            ["Messages:BaseDelay"] = "00:00:00.050",
            ["Messages:MaxDelay"] = "00:00:00.300",
            ["Messages:MaxAttempts"] = "1000",
            ["Messages:PollInterval"] = "00:00:00.050",
            // Quiet hours for applicants' SMS are tested by themselves; here every SMS may go at once.
            ["Messages:ApplicantQuietFrom"] = "",
            ["Messages:ApplicantQuietUntil"] = "",
            ["Messages:DigestEnabled"] = "false",
        };
        foreach (var (key, value) in Dossiers.DiscoverySettings(Resources.Dossiers).Concat(Directives.DiscoverySettings(Resources.Directives)))
        {
            settings[key] = value;
        }
        Notifications = new ServiceFixture<Program>(Resources.NotificationsDb, settings: settings);
        await Notifications.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Notifications.DisposeAsync();
        await Directives.DisposeAsync();
        await Dossiers.DisposeAsync();
        await Sms.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
