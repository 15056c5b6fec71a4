
using System.Diagnostics;
using System.Reflection;
using Cchc.ServiceDefaults;

namespace Cchc.AppHost.Hosting;

/// <summary>
/// A .NET project run as its own OS process with the environment Aspire gives a project:
/// <c>ConnectionStrings__*</c>, <c>services__*__*__0</c>, <c>OTEL_*</c>, Kestrel endpoints, the
/// AppHost's environment name. It counts as healthy when its <c>/health</c> answers 200.
/// </summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly List<IResourceWithConnectionString> _connections = [];
    private readonly List<ProjectResource> _services = [];
    private readonly Dictionary<string, int> _fixedPorts = [];
    private readonly Lock _portsLock = new();
    private int _httpPort;
    private int _grpcPort;
    private Process? _process;
    private volatile bool _stopping;

    public string ProjectPath { get; } = projectPath;

    /// <summary>
    /// Chosen on first use, as Aspire allocates endpoints when the model is built: a project that
    /// references another reads its address while both may still be starting, in either order.
    /// </summary>
    public int HttpPort
    {
        get
        {
            EnsurePorts();
            return _httpPort;
        }
    }

    public int GrpcPort
    {
        get
        {
            EnsurePorts();
            return _grpcPort;
        }
    }
    public string HttpUrl => $"http://127.0.0.1:{HttpPort}";
    public string GrpcUrl => $"http://127.0.0.1:{GrpcPort}";
    public int? ProcessId => _process?.Id;
    public int? ExitCode { get; private set; }

    public ProjectResource WithReference(IResourceWithConnectionString resource)
    {
        _connections.Add(resource);
        return this;
    }

    public ProjectResource WithReference(ProjectResource service)
    {
        _services.Add(service);
        return this;
    }

    public ProjectResource WaitFor(IWaitable resource)
    {
        AddWait(resource.Owner);
        return this;
    }

    public ProjectResource WithHttpEndpoint(int port) => WithEndpoint(Resources.HttpEndpoint, port);

    public ProjectResource WithGrpcEndpoint(int port) => WithEndpoint(Resources.GrpcEndpoint, port);

    private ProjectResource WithEndpoint(string endpoint, int port)
    {
        if (port != 0)
        {
            _fixedPorts[endpoint] = port;
        }
        return this;
    }

    public override string Describe() => $"{HttpUrl} (HTTP/1.1)  {GrpcUrl} (gRPC)";

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        State = ResourceState.Starting;
        EnsurePorts();
        var assembly = LocateAssembly(context.RepositoryRoot);
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.Combine(context.RepositoryRoot, ProjectPath))!,
        };
        info.ArgumentList.Add(assembly);
        ApplyEnvironment(info.Environment, context);

        _process = Process.Start(info) ?? throw new InvalidOperationException($"{Name} did not start.");
        _process.EnableRaisingEvents = true;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { context.Log.Line(Name, e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { context.Log.Line(Name, e.Data, error: true); } };
        _process.Exited += (_, _) => OnExited(context);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        State = ResourceState.Running;

        await WaitUntilHealthyAsync(cancellationToken);
        State = ResourceState.Healthy;
    }

    public override async Task StopAsync()
    {
        _stopping = true;
        if (_process is { } process)
        {
            State = ResourceState.Stopping;
            ExitCode = await PosixProcess.StopAsync(process, PosixProcess.SigTerm, TimeSpan.FromSeconds(15));
            process.Dispose();
            _process = null;
        }
        State = ResourceState.Stopped;
    }

    private void OnExited(ResourceContext context)
    {
        if (_stopping || context.ShuttingDown)
        {
            return;
        }
        try
        {
            ExitCode = _process?.ExitCode;
        }
        catch (InvalidOperationException)
        {
        }
        State = ResourceState.Exited;
        // A crash is never silent: it is reported with its exit code.
        context.Log.Error($"{Name} exited unexpectedly with exit code {ExitCode}.");
    }

    private void EnsurePorts()
    {
        lock (_portsLock)
        {
            if (_httpPort == 0)
            {
                _httpPort = PortFor(Resources.HttpEndpoint);
                _grpcPort = PortFor(Resources.GrpcEndpoint);
            }
        }
    }

    private int PortFor(string endpoint)
    {
        if (!_fixedPorts.TryGetValue(endpoint, out var port))
        {
            return Ports.Free();
        }
        return Ports.IsFree(port)
            ? port
            : throw new InvalidOperationException($"Port {port} for {Name}'s {endpoint} endpoint is in use. Stop what uses it or choose another (e.g. --Gateway:HttpPort=5090).");
    }

    private void ApplyEnvironment(IDictionary<string, string?> env, ResourceContext context)
    {
        // What the AppHost itself inherited must not leak into a child and override what is set here.
        foreach (var key in env.Keys.ToList())
        {
            if (key is "ASPNETCORE_URLS" or "DOTNET_LAUNCH_PROFILE" or "HTTP_PORTS" or "HTTPS_PORTS"
                || key.EndsWith("_ENVIRONMENT", StringComparison.Ordinal)
                || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Kestrel__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Authentication__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ServiceIdentity__", StringComparison.OrdinalIgnoreCase))
            {
                env.Remove(key);
            }
        }
        env["DOTNET_ENVIRONMENT"] = context.EnvironmentName;
        env["ASPNETCORE_ENVIRONMENT"] = context.EnvironmentName;
        env["CCHC_APPHOST_ID"] = context.InstanceId;
        env["LOGGING__CONSOLE__FORMATTERNAME"] = "simple";
        env["LOGGING__CONSOLE__FORMATTEROPTIONS__SINGLELINE"] = "true";
        // Scopes carry the correlation id into every line a request logs.
        env["LOGGING__CONSOLE__FORMATTEROPTIONS__INCLUDESCOPES"] = "true";
        env["OTEL_SERVICE_NAME"] = Name;
        env["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={context.InstanceId}-{Name}";
        env["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = "true";
        env["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } otlp)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            env["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        }
        else
        {
            env.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        }

        env[$"Kestrel__Endpoints__{Resources.HttpEndpoint}__Url"] = HttpUrl;
        env[$"Kestrel__Endpoints__{Resources.HttpEndpoint}__Protocols"] = "Http1";
        env[$"Kestrel__Endpoints__{Resources.GrpcEndpoint}__Url"] = GrpcUrl;
        env[$"Kestrel__Endpoints__{Resources.GrpcEndpoint}__Protocols"] = "Http2";

        foreach (var (key, value) in context.ProjectConfiguration)
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var (key, value) in context.ServiceCredentials?.Invoke(Name) ?? new Dictionary<string, string>())
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var connection in _connections)
        {
            env[$"ConnectionStrings__{connection.Name}"] = connection.ConnectionString;
        }
        foreach (var service in _services)
        {
            env[$"services__{service.Name}__{Resources.HttpEndpoint}__0"] = service.HttpUrl;
            env[$"services__{service.Name}__{Resources.GrpcEndpoint}__0"] = service.GrpcUrl;
        }
    }

    private string LocateAssembly(string repositoryRoot)
    {
        var project = Path.Combine(repositoryRoot, ProjectPath);
        var configuration = typeof(ProjectResource).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var assembly = Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration, "net10.0",
            Path.GetFileNameWithoutExtension(project) + ".dll");
        return File.Exists(assembly)
            ? assembly
            : throw new InvalidOperationException($"{Name}: {assembly} is missing. Build the solution first (dotnet build Cchc.Aspire.sln -c {configuration}).");
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        string last = "no answer yet";
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {ExitCode ?? _process?.ExitCode} before it became healthy.");
            }
            try
            {
                using var response = await http.GetAsync($"{HttpUrl}/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                last = $"/health answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "/health timed out";
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not become healthy within {StartTimeout.TotalSeconds:0} s ({last}).");
            }
            await Task.Delay(200, cancellationToken);
        }
    }
}

