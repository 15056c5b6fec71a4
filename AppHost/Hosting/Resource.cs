namespace Cchc.AppHost.Hosting;

public enum ResourceState
{
    Pending,
    Starting,
    Running,
    Healthy,
    Stopping,
    Stopped,
    Exited,
    FailedToStart,
}

/// <summary>Something the AppHost starts, waits for and stops: a server, a cache, a project.</summary>
public abstract class Resource(string name) : IWaitable
{
    Resource IWaitable.Owner => this;

    private readonly List<Resource> _waitsFor = [];

    public string Name { get; } = name;
    public ResourceState State { get; protected set; } = ResourceState.Pending;
    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    /// <summary>What the resource table shows in its URL column.</summary>
    public abstract string Describe();

    /// <summary>Starts the resource and returns once it is ready for dependents.</summary>
    public abstract Task StartAsync(ResourceContext context, CancellationToken cancellationToken);

    public abstract Task StopAsync();

    internal void AddWait(Resource resource)
    {
        if (!_waitsFor.Contains(resource))
        {
            _waitsFor.Add(resource);
        }
    }
}

/// <summary>Something a project can wait for: the resource itself, or the server a database lives on.</summary>
public interface IWaitable
{
    Resource Owner { get; }
}

/// <summary>A resource that others reach through <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString : IWaitable
{
    string Name { get; }
    /// <summary>Available once the resource has started.</summary>
    string ConnectionString { get; }
}

/// <summary>What every resource can use while it starts.</summary>
public sealed class ResourceContext(ConsoleLog log, string environmentName, string dataDirectory, string repositoryRoot, string instanceId,
    IReadOnlyDictionary<string, string> projectConfiguration, Func<string, IReadOnlyDictionary<string, string>>? serviceCredentials = null)
{
    private volatile bool _shuttingDown;

    /// <summary>Set once a stop was asked for: children that exit from then on are not crashes (Ctrl+C reaches them too).</summary>
    public bool ShuttingDown { get => _shuttingDown; set => _shuttingDown = value; }

    /// <summary>In Development, the identity (name and private key) each project signs its calls to other Cchc services with.</summary>
    public Func<string, IReadOnlyDictionary<string, string>>? ServiceCredentials { get; } = serviceCredentials;

    /// <summary>Configuration every project receives (e.g. the token issuer it trusts), as <c>Section:Key</c> pairs.</summary>
    public IReadOnlyDictionary<string, string> ProjectConfiguration { get; } = projectConfiguration;

    public ConsoleLog Log { get; } = log;
    public string EnvironmentName { get; } = environmentName;
    public string DataDirectory { get; } = dataDirectory;
    public string RepositoryRoot { get; } = repositoryRoot;
    /// <summary>Marks every child process of this AppHost run (env <c>CCHC_APPHOST_ID</c>), so none can be left behind unnoticed.</summary>
    public string InstanceId { get; } = instanceId;
}
