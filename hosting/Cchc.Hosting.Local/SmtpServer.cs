using System.Diagnostics;

namespace Cchc.Hosting.Local;

/// <summary>
/// A real SMTP server on a loopback port: Debian's <c>python3-aiosmtpd</c> with its Maildir handler,
/// so every message accepted is a file in <see cref="MaildirPath"/>. The AppHost runs one in
/// Development so e-mail from Notifications can be read; the tests run one to check what was sent.
/// Stopping and starting it again on the same port is a real outage for the sender.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private static readonly Lazy<string?> Python = new(FindPython);
    private Process? _process;

    private SmtpServer(string maildirPath, int port)
    {
        MaildirPath = maildirPath;
        Port = port;
    }

    public string MaildirPath { get; }
    public int Port { get; }

    /// <summary>In the form the Notifications service reads from <c>ConnectionStrings:smtp</c>.</summary>
    public string ConnectionString => $"Endpoint=smtp://127.0.0.1:{Port}";

    /// <summary>Whether this machine has a Python with <c>aiosmtpd</c> (apt: <c>python3-aiosmtpd</c>).</summary>
    public static bool IsAvailable => Python.Value is not null;

    public static string? PythonPath => Python.Value;

    public static async Task<SmtpServer> StartAsync(string maildirPath, int port = 0, IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var server = new SmtpServer(maildirPath, port == 0 ? Ports.Free() : port);
        await server.StartAsync(environment, log, cancellationToken);
        return server;
    }

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts (again) on the same port and folder.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? environment = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var python = Python.Value ?? throw new InvalidOperationException(
            "No Python with aiosmtpd on this machine: install the python3-aiosmtpd package (apt-get install python3-aiosmtpd).");
        // A Maildir: Python's mailbox module creates the subfolders only for a folder that does not exist yet.
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(MaildirPath, folder));
        }
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -n: never switch to "nobody"; -u: SMTPUTF8, for Vietnamese addresses and headers.
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-u", "-c", "aiosmtpd.handlers.Mailbox", "-l", $"127.0.0.1:{Port}", MaildirPath })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP server.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) log?.Invoke(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log?.Invoke(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await Ports.WaitUntilListeningAsync(Port, _process, "The SMTP server", TimeSpan.FromSeconds(30), cancellationToken);
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await PosixProcess.StopAsync(process, PosixProcess.SigTerm, TimeSpan.FromSeconds(5));
            process.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static string? FindPython()
    {
        // Debian's package installs into the system Python, which a pyenv or venv python3 on PATH does not see.
        var candidates = new[] { "/usr/bin/python3" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "python3")))
            .Where(File.Exists)
            .Distinct();
        foreach (var candidate in candidates)
        {
            try
            {
                using var check = Process.Start(new ProcessStartInfo(candidate, ["-c", "import aiosmtpd"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                });
                if (check is not null && check.WaitForExit(10_000) && check.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return null;
    }
}
