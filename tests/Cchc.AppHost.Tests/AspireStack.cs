using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Cchc.Hosting.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.AppHost.Tests;

/// <summary>
/// The whole application as <c>dotnet run --project AppHost</c> starts it (Development, under DCP),
/// through Aspire's testing host, with its data in a temporary folder and the gateway on free ports.
/// </summary>
public sealed class AspireStack : IAsyncDisposable
{
    public static readonly string[] Resources = ["postgres", "garnet", "smtp-server", "directives", "dossiers", "indexes", "notifications", "gateway", "console"];

    private AspireStack(DistributedApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
    }

    public DistributedApplication App { get; }
    public string DataDirectory { get; }
    /// <summary>The gateway's endpoints as the testing host exposes them (it may move ports so tests can run side by side).</summary>
    public Uri GatewayHttp { get; private set; } = null!;
    public Uri GatewayGrpc { get; private set; } = null!;
    /// <summary>The officials' console.</summary>
    public Uri Console { get; private set; } = null!;

    public static async Task<AspireStack> StartAsync(TimeSpan timeout)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"cchc-run-{Guid.NewGuid():N}");
        int httpPort = Ports.Free(), grpcPort = Ports.Free(), consolePort = Ports.Free();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Cchc_AppHost>(
            [$"--AppHost:DataDirectory={dataDirectory}", $"--Gateway:HttpPort={httpPort}", $"--Gateway:GrpcPort={grpcPort}", $"--Console:HttpPort={consolePort}", "--environment=Development",
             // The fuzz makes a few thousand calls with one official's token within a minute.
             "--Gateway:RateLimits:OfficialPerMinute=100000",
             // Free ports for the services too: a developer's stack may hold their fixed 51x0/51x1 on this machine.
             "--AppHost:ServicePorts=dynamic"]);
        var app = await builder.BuildAsync();
        var stack = new AspireStack(app, dataDirectory);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await app.StartAsync(cts.Token);
            foreach (var resource in Resources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
            }
            stack.GatewayHttp = app.GetEndpoint("gateway", "http");
            stack.GatewayGrpc = app.GetEndpoint("gateway", "grpc");
            stack.Console = app.GetEndpoint("console", "http");
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
        return stack;
    }

    /// <summary>The development tokens the AppHost wrote, by role.</summary>
    public IReadOnlyDictionary<string, string> DevelopmentTokens() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(DataDirectory, "dev-tokens.json")))!;

    /// <summary>The console lines a resource wrote so far.</summary>
    public async Task<IReadOnlyList<string>> LogOfAsync(string resource, Func<IReadOnlyList<string>, bool> until, TimeSpan timeout)
    {
        var lines = new List<string>();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var model = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
            await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(model).WithCancellation(cts.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
                if (until(lines))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        return lines;
    }

    /// <summary>Processes of this run still alive: anything whose command line names its data folder (PostgreSQL, the mail server).</summary>
    public IReadOnlyList<string> LeftoverProcesses() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(c => c.Contains(DataDirectory, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        // DCP finishes tearing down a few seconds after the host returns.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (LeftoverProcesses().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
