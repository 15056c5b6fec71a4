using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Cchc.Hosting.Local;

/// <summary>Options of a private PostgreSQL cluster.</summary>
public sealed record PostgresServerOptions
{
    /// <summary>The cluster's data folder; created by initdb when empty, reused otherwise.</summary>
    public required string DataDirectory { get; init; }
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }
    /// <summary>Trades durability for speed (fsync off); for throw-away test clusters only.</summary>
    public bool Ephemeral { get; init; }
    public int MaxConnections { get; init; } = 300;
    /// <summary>Receives the server's own log lines.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Extra environment for the server process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// Ties the server's life to this process: a watchdog stops it (fast shutdown) as soon as the
    /// process is gone, however it ended — a test run that is killed leaves no server behind.
    /// </summary>
    public bool StopWithThisProcess { get; init; }
}

/// <summary>
/// A private PostgreSQL cluster made with the machine's <c>initdb</c> and run as a child process,
/// with password authentication on a loopback port. PostgreSQL refuses to run as root, so under
/// root the server runs as the <c>postgres</c> user (<c>setpriv</c> execs in place, so the child
/// process is the postmaster itself and stopping it stops the server).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const string ServiceAccount = "postgres";
    private readonly PostgresServerOptions _options;
    private readonly string _binDirectory;
    private Process? _process;
    private readonly StringBuilder _recentOutput = new();

    private PostgresServer(PostgresServerOptions options, string binDirectory, string password, int port)
    {
        _options = options;
        _binDirectory = binDirectory;
        Password = password;
        Port = port;
    }

    public int Port { get; }
    public string Password { get; }

    /// <summary>Raised with the exit code when the server process ends, whatever the reason.</summary>
    public event Action<int>? Exited;
    public int? ProcessId => _process?.Id;

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Finds <c>initdb</c> on PATH or under <c>/usr/lib/postgresql/*/bin</c> (newest version first).</summary>
    public static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")));
    }

    public const string MissingBinaries =
        "PostgreSQL binaries (initdb, postgres) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
        "Install them (apt-get install postgresql) or set ConnectionStrings__postgres to use an existing server.";

    /// <summary>
    /// Makes the cluster in <paramref name="dataDirectory"/> unless it exists (initdb as the server's
    /// account) and returns what runs it: the executable and arguments of the postmaster, and the
    /// superuser's password. For an orchestrator that runs the process itself (the AppHost under DCP).
    /// </summary>
    public static async Task<(string FileName, IReadOnlyList<string> Arguments, string Password)> PrepareAsync(string dataDirectory, int port,
        CancellationToken cancellationToken = default)
    {
        var server = await InitialiseAsync(new PostgresServerOptions { DataDirectory = dataDirectory, Port = port }, cancellationToken);
        var command = server.Command("postgres", [.. server.ServerArguments(Path.GetFullPath(dataDirectory))]);
        return (command.FileName, [.. command.ArgumentList], server.Password);
    }

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, CancellationToken cancellationToken = default)
    {
        var server = await InitialiseAsync(options, cancellationToken);
        server.Launch(Path.GetFullPath(options.DataDirectory));
        await server.WaitUntilReadyAsync(cancellationToken);
        return server;
    }

    private static async Task<PostgresServer> InitialiseAsync(PostgresServerOptions options, CancellationToken cancellationToken)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(MissingBinaries);

        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var passwordFile = dataDirectory.TrimEnd('/') + ".password";
        Directory.CreateDirectory(Path.GetDirectoryName(dataDirectory)!);
        var initialised = File.Exists(Path.Combine(dataDirectory, "PG_VERSION"));
        string password;
        if (initialised)
        {
            password = File.Exists(passwordFile)
                ? (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim()
                : throw new InvalidOperationException($"The PostgreSQL data folder {dataDirectory} exists but its password file {passwordFile} is missing; delete the folder to start afresh.");
        }
        else
        {
            password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            Directory.CreateDirectory(dataDirectory);
            await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var port = options.Port == 0 ? Ports.Free() : options.Port;
        var server = new PostgresServer(options, bin, password, port);
        await StopStaleServerAsync(dataDirectory);
        if (!initialised)
        {
            await server.InitDbAsync(dataDirectory, passwordFile, cancellationToken);
        }
        return server;
    }

    /// <summary>Creates the database unless it exists.</summary>
    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        CreateDatabaseAsync(ConnectionString(), name, cancellationToken);

    public static async Task CreateDatabaseAsync(string serverConnectionString, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
            await PosixProcess.StopAsync(process, PosixProcess.SigInt, TimeSpan.FromSeconds(30));
            process.Dispose();
            _process = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task InitDbAsync(string dataDirectory, string passwordFile, CancellationToken cancellationToken)
    {
        // initdb reads the password from a file the server account can read; it is removed afterwards.
        var initPasswordFile = Path.Combine(dataDirectory, "..", $".initdb-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(initPasswordFile, Password, cancellationToken);
        try
        {
            GrantToServiceAccount(dataDirectory, initPasswordFile);
            var result = await RunToEndAsync(Command("initdb",
                "-D", dataDirectory, "-U", SuperUser, "--pwfile", initPasswordFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"), cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed with exit code {result.ExitCode}: {result.Output}");
            }
        }
        finally
        {
            File.Delete(initPasswordFile);
        }
        _ = passwordFile;
    }

    private List<string> ServerArguments(string dataDirectory)
    {
        var args = new List<string>
        {
            "-D", dataDirectory, "-p", Port.ToString(), "-h", "127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", $"max_connections={_options.MaxConnections}",
            "-c", "logging_collector=off",
        };
        if (_options.Ephemeral)
        {
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        return args;
    }

    private void Launch(string dataDirectory)
    {
        var start = Command("postgres", [.. ServerArguments(dataDirectory)]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (key, value) in _options.Environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start.");
        _process.EnableRaisingEvents = true;
        var process = _process;
        _process.Exited += (_, _) => Exited?.Invoke(process.ExitCode);
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (_options.StopWithThisProcess)
        {
            WatchOver(_process.Id);
        }
    }

    /// <summary>
    /// A detached shell that outlives this process: once this process is gone it sends the server
    /// SIGINT (fast shutdown), and it ends by itself when the server does.
    /// </summary>
    private static void WatchOver(int serverPid)
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {serverPid} 2>/dev/null; do sleep 1; done; kill -INT {serverPid} 2>/dev/null; exit 0";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            info.ArgumentList.Add(argument);
        }
        using var watchdog = Process.Start(info);
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_recentOutput)
        {
            if (_recentOutput.Length > 8000)
            {
                _recentOutput.Remove(0, 4000);
            }
            _recentOutput.AppendLine(line);
        }
        _options.Log?.Invoke(line);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with code {_process.ExitCode} while starting:\n{RecentOutput()}");
            }
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Timeout=2;Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"postgres did not accept connections within 60 s:\n{RecentOutput()}", ex);
                }
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private string RecentOutput()
    {
        lock (_recentOutput)
        {
            return _recentOutput.ToString();
        }
    }

    /// <summary>A server left running by an AppHost that was killed outright holds the data folder; stop it.</summary>
    private static async Task StopStaleServerAsync(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
        {
            return;
        }
        try
        {
            using var stale = Process.GetProcessById(pid);
            if (stale.ProcessName.Contains("postgres", StringComparison.Ordinal))
            {
                await PosixProcess.StopAsync(stale, PosixProcess.SigInt, TimeSpan.FromSeconds(30));
            }
        }
        catch (ArgumentException)
        {
            // No such process: PostgreSQL removes a stale pid file by itself.
        }
    }

    private ProcessStartInfo Command(string program, params string[] args)
    {
        var executable = Path.Combine(_binDirectory, program);
        var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (PosixProcess.IsRoot)
        {
            info.FileName = "setpriv";
            foreach (var a in new[] { $"--reuid={ServiceAccount}", $"--regid={ServiceAccount}", "--init-groups", "--", executable })
            {
                info.ArgumentList.Add(a);
            }
        }
        else
        {
            info.FileName = executable;
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        // The server must not inherit a working directory the service account cannot enter.
        info.WorkingDirectory = "/";
        return info;
    }

    /// <summary>
    /// Whether the server's account can reach <paramref name="path"/>: as root the server runs as
    /// <c>postgres</c>, which must be able to enter every folder above its data.
    /// </summary>
    public static bool ServiceAccountCanReach(string path)
    {
        if (!PosixProcess.IsRoot || OperatingSystem.IsWindows())
        {
            return true;
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        while (!string.IsNullOrEmpty(dir) && dir != "/")
        {
            if (Directory.Exists(dir) && !File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
            dir = Path.GetDirectoryName(dir);
        }
        return true;
    }

    private static void GrantToServiceAccount(params string[] paths)
    {
        if (!PosixProcess.IsRoot || OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (var path in paths)
        {
            using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", $"{ServiceAccount}:{ServiceAccount}", path]) { UseShellExecute = false })!;
            chown.WaitForExit();
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"Could not give {path} to the '{ServiceAccount}' user (chown exit code {chown.ExitCode}).");
            }
        }
        // Every folder above the data must be enterable by the service account.
        foreach (var path in paths)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            while (!string.IsNullOrEmpty(dir) && dir != "/")
            {
                var mode = File.GetUnixFileMode(dir);
                if (!mode.HasFlag(UnixFileMode.OtherExecute))
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL runs as the '{ServiceAccount}' user, which cannot enter {dir}. Put the data folder elsewhere (AppHost:DataDirectory) or allow it (chmod o+x {dir}).");
                }
                dir = Path.GetDirectoryName(dir);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessStartInfo info, CancellationToken cancellationToken)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
