using System.Diagnostics;
using System.Text;

namespace Cchc.Hosting.Local;

/// <summary>
/// The AppHost started as its own process, as a developer starts it (Development environment, under
/// DCP), but with its data in a temporary folder and the gateway on free ports: for the benchmarks.
/// Its build output must exist (building the bench builds it).
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _dataDirectory;

    private AppHostProcess(Process process, string dataDirectory, string instanceId, int httpPort, int grpcPort)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        InstanceId = instanceId;
        GatewayHttp = new Uri($"http://127.0.0.1:{httpPort}");
        GatewayGrpc = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    public string InstanceId { get; }
    public string DataDirectory => _dataDirectory;

    /// <summary>The development tokens the AppHost wrote, by role.</summary>
    public IReadOnlyDictionary<string, string> DevelopmentTokens() =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(_dataDirectory, "dev-tokens.json")))!;

    /// <summary>The stack's own PostgreSQL server, read from the resource table and the cluster's password file.</summary>
    public string PostgresConnectionString(string database)
    {
        var endpoint = File.ReadAllText(Path.Combine(_dataDirectory, "postgres.endpoint")).Trim();
        var password = File.ReadAllText(Path.Combine(_dataDirectory, "postgres.password")).Trim();
        return $"Host=127.0.0.1;Port={endpoint.Split(':')[1]};Username=postgres;Password={password};Database={database};Maximum Pool Size=64";
    }

    public Uri GatewayHttp { get; }
    public Uri GatewayGrpc { get; }
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Starts it and returns once every resource is up; <paramref name="environment"/> is added to the AppHost's (and so its children's).</summary>
    public static async Task<AppHostProcess> StartAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = RepositoryRoot.Find();
        var dll = RepositoryRoot.BuiltAssembly("AppHost", "Cchc.AppHost");
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"cchc-run-{Guid.NewGuid():N}");
        var instanceId = Guid.NewGuid().ToString("N");
        int httpPort = Ports.Free(), grpcPort = Ports.Free();

        // Its own process group, as in a terminal, so Ctrl+C can reach the AppHost and all its children at once.
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in new[] { "dotnet", dll, $"--AppHost:DataDirectory={dataDirectory}", $"--Gateway:HttpPort={httpPort}", $"--Gateway:GrpcPort={grpcPort}" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        // What the AppHost's http launch profile sets: the dashboard over plain http, on free ports.
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{Ports.Free()}";
        info.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{Ports.Free()}";
        info.Environment["CCHC_APPHOST_ID"] = instanceId;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var host = new AppHostProcess(Process.Start(info)!, dataDirectory, instanceId, httpPort, grpcPort);
        host._process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();

        var exited = host._process.WaitForExitAsync();
        _ = host.WatchGatewayAsync(timeout);
        var first = await Task.WhenAny(host._ready.Task, exited, Task.Delay(timeout));
        if (first != host._ready.Task)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"The AppHost did not bring every resource up:\n{host.Output}");
        }
        return host;
    }

    /// <summary>
    /// Ctrl+C as a terminal delivers it: SIGINT to the whole process group, the AppHost and every
    /// child at once. Returns the AppHost's exit code.
    /// </summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        PosixProcess.Signal(-_process.Id, PosixProcess.SigInt);
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            PosixProcess.Signal(_process.Id, PosixProcess.SigTerm);
            if (!_process.WaitForExit(60_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        // Whatever happened, leave nothing of this run behind.
        foreach (var pid in PosixProcess.FindByInstance(InstanceId))
        {
            try { Process.GetProcessById(pid).Kill(entireProcessTree: true); } catch (ArgumentException) { }
        }
        _process.Dispose();
        await Task.Delay(200);
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Ready once the gateway answers its health check: it waits for every service, which wait for their databases.</summary>
    private async Task WatchGatewayAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = GatewayHttp, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    _ready.TrySetResult();
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
    }
}
