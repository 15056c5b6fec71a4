using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cchc.Notifications.Messages;

public sealed record ChannelOutcome(bool Succeeded, string Answer, int DurationMs)
{
    public static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];
}

/// <summary>
/// <c>ConnectionStrings:smtp</c>, in the form Aspire's MailKit integration uses:
/// <c>Endpoint=smtp://host:port;Username=…;Password=…;From=…</c> (<c>smtps://</c> for TLS from the
/// first byte; plain <c>smtp://</c> upgrades with STARTTLS when the server offers it).
/// </summary>
public sealed record SmtpSettings(Uri Endpoint, string? Username, string? Password, string? From)
{
    public static SmtpSettings? Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }
        var builder = new DbConnectionStringBuilder();
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var bare) && bare.Scheme is "smtp" or "smtps")
        {
            return new SmtpSettings(bare, null, null, null);
        }
        builder.ConnectionString = connectionString;
        string? Get(string key) => builder.TryGetValue(key, out var value) ? value?.ToString() : null;
        var endpoint = Get("Endpoint") ?? throw new InvalidOperationException("ConnectionStrings:smtp needs Endpoint=smtp://host:port.");
        var uri = new Uri(endpoint);
        if (uri.Scheme is not ("smtp" or "smtps"))
        {
            throw new InvalidOperationException($"ConnectionStrings:smtp: Endpoint must be smtp:// or smtps://, not {uri.Scheme}://.");
        }
        return new SmtpSettings(uri, Get("Username"), Get("Password"), Get("From"));
    }
}

/// <summary>Sends one e-mail per connection over SMTP with MailKit; retrying is the queue's business.</summary>
public sealed class EmailSender(IOptions<MessageOptions> options, IConfiguration configuration)
{
    public SmtpSettings? Settings { get; } = SmtpSettings.Parse(configuration.GetConnectionString(ServiceDefaults.Resources.Smtp));

    public bool Configured => Settings is not null;

    public async Task<ChannelOutcome> SendAsync(string to, string toName, string subject, string body, string messageId, CancellationToken cancellationToken)
    {
        var settings = Settings ?? throw new InvalidOperationException("E-mail is not configured.");
        var clock = Stopwatch.StartNew();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From ?? options.Value.From));
        message.To.Add(new MailboxAddress(toName, to));
        message.Subject = subject;
        // The message id lets a mailbox (and a test) recognise a re-sent message as the same one.
        message.MessageId = $"{messageId}@cchc";
        message.Headers.Add("X-Cchc-Message-Id", messageId);
        message.Body = new TextPart("plain") { Text = body };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        using var client = new SmtpClient();
        try
        {
            // TLS that a man in the middle cannot strip: smtps from the first byte, STARTTLS required on smtp,
            // except to a mail server on this machine's loopback (the development aiosmtpd).
            var security = settings.Endpoint.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect
                : settings.Endpoint.IsLoopback ? SecureSocketOptions.StartTlsWhenAvailable
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.Endpoint.Host, settings.Endpoint.IsDefaultPort ? 25 : settings.Endpoint.Port, security, timeout.Token);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", timeout.Token);
            }
            var answer = await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return new ChannelOutcome(true, ChannelOutcome.Truncate(answer), (int)clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or AuthenticationException
            or System.Net.Sockets.SocketException or IOException or SslHandshakeException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var answer = ex is SmtpCommandException command ? $"{(int)command.StatusCode} {command.Message}" : ex.GetBaseException().Message;
            return new ChannelOutcome(false, ChannelOutcome.Truncate(answer), (int)clock.ElapsedMilliseconds);
        }
    }
}

/// <summary>
/// <c>ConnectionStrings:sms</c>: <c>Endpoint=https://provider/send;ApiKey=…;Sender=…</c>. Any provider
/// behind a small HTTP adapter that takes <c>{"to","text","sender","reference"}</c> and answers 2xx.
/// </summary>
public sealed record SmsSettings(Uri Endpoint, string? ApiKey, string Sender)
{
    public static SmsSettings? Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Get(string key) => builder.TryGetValue(key, out var value) ? value?.ToString() : null;
        var endpoint = Get("Endpoint") ?? throw new InvalidOperationException("ConnectionStrings:sms needs Endpoint=https://….");
        var uri = new Uri(endpoint);
        // The API key and the citizens' phone numbers travel in the request: https, unless the provider is on this machine (tests).
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException($"ConnectionStrings:sms: Endpoint must be https:// (only a provider on loopback may be http://), not {uri.Scheme}://{uri.Host}.");
        }
        return new SmsSettings(uri, Get("ApiKey"), Get("Sender") ?? "CCHC");
    }
}

/// <summary>Sends one SMS through the configured HTTP provider; retrying is the queue's business.</summary>
public sealed class SmsSender(IOptions<MessageOptions> options, IConfiguration configuration)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false });

    public SmsSettings? Settings { get; } = SmsSettings.Parse(configuration.GetConnectionString(ServiceDefaults.Resources.Sms));

    public bool Configured => Settings is not null;

    public async Task<ChannelOutcome> SendAsync(string to, string text, string messageId, CancellationToken cancellationToken)
    {
        var settings = Settings ?? throw new InvalidOperationException("SMS is not configured.");
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint)
        {
            Content = JsonContent.Create(new { to, text, sender = settings.Sender, reference = messageId }),
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }
        request.Headers.Add("Idempotency-Key", messageId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var answer = await response.Content.ReadAsStringAsync(timeout.Token);
            return new ChannelOutcome(response.IsSuccessStatusCode, ChannelOutcome.Truncate($"{(int)response.StatusCode} {answer}"), (int)clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ChannelOutcome(false, ChannelOutcome.Truncate(ex.GetBaseException().Message), (int)clock.ElapsedMilliseconds);
        }
    }
}
