using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Cchc.AppHost.Hosting;
using Grpc.Net.Client;

namespace Cchc.Bench;

/// <summary>The whole stack as a developer runs it (the AppHost process), with its data in a temporary folder.</summary>
public sealed class Stack : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private readonly StringBuilder _output;

    private Stack(Process process, string data, int http, int grpc, StringBuilder output)
    {
        _output = output;
        _process = process;
        _data = data;
        Http = new Uri($"http://127.0.0.1:{http}");
        Grpc = new Uri($"http://127.0.0.1:{grpc}");
    }

    public Uri Http { get; }
    public Uri Grpc { get; }

    public static async Task<Stack> StartAsync()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Cchc.Aspire.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Run the benchmark from the repository.");
        }
        var configuration = typeof(Stack).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var data = Path.Combine(Path.GetTempPath(), $"cchc-bench-{Guid.NewGuid():N}");
        int http = Ports.Free(), grpc = Ports.Free();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in new[] { Path.Combine(root, "AppHost", "bin", configuration, "net10.0", "Cchc.AppHost.dll"), $"--AppHost:DataDirectory={data}",
                     $"--Gateway:HttpPort={http}", $"--Gateway:GrpcPort={grpc}",
                   })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        // The benchmark measures the services, not the gateway's per-caller limits; children inherit this.
        info.Environment["RateLimits__OfficialPerMinute"] = "100000000";
        info.Environment["RateLimits__AnonymousPerMinute"] = "100000000";
        var process = Process.Start(info)!;
        var ready = new TaskCompletionSource();
        var output = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null) { return; }
            lock (output) { output.AppendLine(line); }
            if (line.Contains("resources are up", StringComparison.Ordinal)) { ready.TrySetResult(); }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(5))) != ready.Task)
        {
            throw new InvalidOperationException("The stack did not start:\n" + output);
        }
        return new Stack(process, data, http, grpc, output);
    }

    /// <summary>The stack's own PostgreSQL server, read from the AppHost's resource table and its password file.</summary>
    public string PostgresConnectionString(string database)
    {
        string text;
        lock (_output) { text = _output.ToString(); }
        var port = System.Text.RegularExpressions.Regex.Match(text, @"postgres\s+Running\s+127\.0\.0\.1:(\d+)").Groups[1].Value;
        var password = File.ReadAllText(Path.Combine(_data, "postgres.password")).Trim();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database={database};Maximum Pool Size=64";
    }

    public string Token(string role) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(_data, "dev-tokens.json")))![role];

    public GrpcChannel Channel(string token) => GrpcChannel.ForAddress(Grpc, new GrpcChannelOptions
    {
        HttpHandler = new Bearer(token) { InnerHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } },
    });

    public async ValueTask DisposeAsync()
    {
        PosixProcess.Signal(_process.Id, PosixProcess.SigInt);
        if (!_process.WaitForExit(60_000))
        {
            _process.Kill(entireProcessTree: true);
        }
        await Task.Delay(200);
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class Bearer(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
