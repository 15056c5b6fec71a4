using Cchc.Hosting.Local;
using MimeKit;

namespace Cchc.Testing;

/// <summary>One e-mail as the SMTP server stored it.</summary>
public sealed record ReceivedMail(string To, string ToName, string From, string Subject, string Body, string CchcMessageId);

/// <summary>
/// A real SMTP server for tests (<see cref="SmtpServer"/>: aiosmtpd writing a Maildir) on a port
/// chosen up front, so a service's configuration can name it before it starts. It can be stopped
/// and started again on the same port — a real outage for the sender.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private SmtpServer? _server;

    public MailSink()
    {
        Port = Ports.Free();
        MaildirPath = Path.Combine(Path.GetTempPath(), $"cchc-mail-{Guid.NewGuid():N}");
    }

    public int Port { get; }
    public string MaildirPath { get; }
    public string ConnectionString => $"Endpoint=smtp://127.0.0.1:{Port};From=Cchc Thử nghiệm <no-reply@cchc.test>";

    public async Task StartAsync()
    {
        if (_server is null)
        {
            _server = await SmtpServer.StartAsync(MaildirPath, Port);
        }
        else
        {
            await _server.StartAsync();
        }
    }

    public Task StopAsync() => _server?.StopAsync() ?? Task.CompletedTask;

    /// <summary>Every message stored so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Received
    {
        get
        {
            var folder = Path.Combine(MaildirPath, "new");
            if (!Directory.Exists(folder))
            {
                return [];
            }
            return Directory.GetFiles(folder)
                .Select(path => (Path: path, Time: File.GetLastWriteTimeUtc(path)))
                .OrderBy(f => f.Time).ThenBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => Read(f.Path))
                .ToList();
        }
    }

    public async Task<IReadOnlyList<ReceivedMail>> WaitUntilAsync(Func<IReadOnlyList<ReceivedMail>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = Received;
            if (condition(received))
            {
                return received;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMTP server has {received.Count} message(s); the expected ones did not arrive within {timeout}.");
            }
            await Task.Delay(100);
        }
    }

    private static ReceivedMail Read(string path)
    {
        using var stream = File.OpenRead(path);
        var message = MimeMessage.Load(stream);
        var to = message.To.Mailboxes.First();
        return new ReceivedMail(to.Address, to.Name ?? "", message.From.Mailboxes.First().Address, message.Subject ?? "",
            message.TextBody ?? "", message.Headers["X-Cchc-Message-Id"] ?? "");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(MaildirPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
