using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Cchc.AppHost.Hosting;

/// <summary>Collects resources in declaration order, as Aspire's <c>DistributedApplication.CreateBuilder</c> does.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(string[] args)
    {
        EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environments.Production;
        RepositoryRoot = Hosting.RepositoryRoot.Find();
        Configuration = new ConfigurationManager();
        Configuration.SetBasePath(Path.Combine(RepositoryRoot, "AppHost"))
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{EnvironmentName}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
    }

    public ConfigurationManager Configuration { get; }
    public string EnvironmentName { get; }
    public string RepositoryRoot { get; }

    public PostgresResource AddPostgres(string name) =>
        Add(new PostgresResource(name, Configuration.GetConnectionString(name)));

    public GarnetResource AddGarnet(string name) =>
        Add(new GarnetResource(name, Configuration.GetConnectionString(name)));

    /// <summary>
    /// The mail server: the one <c>ConnectionStrings:&lt;name&gt;</c> names, else a local aiosmtpd when the
    /// machine has it; null (e-mail off) otherwise.
    /// </summary>
    public SmtpResource? AddSmtp(string name) =>
        Configuration.GetConnectionString(name) is { Length: > 0 } external ? Add(new SmtpResource(name, external))
        : SmtpServer.IsAvailable ? Add(new SmtpResource(name, null))
        : null;

    public ProjectResource AddProject(string name, string projectPath) =>
        Add(new ProjectResource(name, projectPath));

    public DistributedApplication Build()
    {
        var dataDirectory = Path.GetFullPath(Configuration["AppHost:DataDirectory"] ?? Path.Combine(RepositoryRoot, ".cchc"));
        var instanceId = Environment.GetEnvironmentVariable("CCHC_APPHOST_ID") ?? Guid.NewGuid().ToString("N");
        var log = new ConsoleLog(_resources.Select(r => r.Name));
        // Development gets a local token issuer; elsewhere each service reads its issuer from its own configuration.
        var identity = EnvironmentName == Environments.Development ? DevelopmentIdentity.LoadOrCreate(dataDirectory) : null;
        var projectConfiguration = identity?.TrustConfiguration() ?? new Dictionary<string, string>();
        return new DistributedApplication(_resources, new ResourceContext(log, EnvironmentName, dataDirectory, RepositoryRoot, instanceId, projectConfiguration,
            identity is null ? null : identity.ServiceCredentials), identity);
    }

    private T Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is declared twice.");
        }
        _resources.Add(resource);
        return resource;
    }
}

/// <summary>
/// Starts every resource once what it waits for is ready (independent ones in parallel), prints
/// the resource table, and on Ctrl+C or SIGTERM stops everything in reverse order.
/// </summary>
public sealed class DistributedApplication(IReadOnlyList<Resource> resources, ResourceContext context, DevelopmentIdentity? identity = null)
{
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    public IReadOnlyList<Resource> Resources => resources;

    public async Task<int> RunAsync()
    {
        using var shutdown = new CancellationTokenSource();
        void RequestShutdown(PosixSignalContext signal)
        {
            signal.Cancel = true;
            context.ShuttingDown = true;
            // Never stop resources on the signal thread: .NET reaps exited children there, so
            // waiting for a child from it would wait forever (Ctrl+C signals every child too).
            var received = signal.Signal;
            _ = Task.Run(() =>
            {
                if (!shutdown.IsCancellationRequested)
                {
                    context.Log.Info($"{received} received: stopping every resource.");
                    shutdown.Cancel();
                }
            });
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);

        var exitCode = 0;
        try
        {
            await StartAllAsync(shutdown.Token);
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            context.Log.Error($"Start-up failed: {ex.Message}");
            exitCode = 1;
        }
        finally
        {
            await StopAllAsync();
        }
        return exitCode;
    }

    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        context.Log.Info($"Starting {resources.Count} resources ({context.EnvironmentName}); data in {context.DataDirectory}");
        var started = new Dictionary<Resource, Task>();
        foreach (var resource in resources)
        {
            var dependencies = resource.WaitsFor.Select(d => started[d]).ToArray();
            started[resource] = StartOneAsync(resource, dependencies, cancellationToken);
        }
        try
        {
            await Task.WhenAll(started.Values);
        }
        catch when (started.Values.FirstOrDefault(t => t.IsFaulted) is { } failed)
        {
            throw failed.Exception!.GetBaseException();
        }
        var tokens = identity?.WriteDemoTokens(context.DataDirectory);
        PrintTable(clock.Elapsed);
        if (tokens is not null)
        {
            context.Log.Info($"Development tokens for every demo role: source {Path.GetRelativePath(Directory.GetCurrentDirectory(), tokens)}");
            context.Log.Info("  then e.g. curl -H \"Authorization: Bearer $CCHC_TOKEN_ADMINISTRATOR\" http://127.0.0.1:<gateway http port>/notifications/v1/templates");
        }
    }

    public async Task StopAllAsync()
    {
        foreach (var resource in resources.Reverse())
        {
            if (resource.State is ResourceState.Pending or ResourceState.Stopped)
            {
                continue;
            }
            try
            {
                await resource.StopAsync();
                context.Log.Info($"{resource.Name} stopped.");
            }
            catch (Exception ex)
            {
                context.Log.Error($"{resource.Name} did not stop cleanly: {ex.Message}");
            }
        }
    }

    private async Task StartOneAsync(Resource resource, Task[] dependencies, CancellationToken cancellationToken)
    {
        await Task.WhenAll(dependencies);
        var clock = Stopwatch.StartNew();
        try
        {
            await resource.StartAsync(context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{resource.Name}: {ex.Message}", ex);
        }
        context.Log.Info($"{resource.Name} is {resource.State.ToString().ToLowerInvariant()} ({clock.Elapsed.TotalSeconds:0.0} s).");
    }

    private void PrintTable(TimeSpan elapsed)
    {
        var width = resources.Max(r => r.Name.Length);
        context.Log.Info($"{"Resource".PadRight(width)}  {"State",-8}  Endpoints");
        foreach (var resource in resources)
        {
            context.Log.Info($"{resource.Name.PadRight(width)}  {resource.State,-8}  {resource.Describe()}");
        }
        context.Log.Info($"All {resources.Count} resources are up in {elapsed.TotalSeconds:0.0} s. Press Ctrl+C to stop.");
    }
}
