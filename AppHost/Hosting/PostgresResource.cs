using Npgsql;

namespace Cchc.AppHost.Hosting;

/// <summary>
/// The PostgreSQL server. A <c>ConnectionStrings:postgres</c> in configuration means "use that
/// server"; otherwise a private cluster lives in <c>&lt;data&gt;/postgres</c> and is kept between runs.
/// </summary>
public sealed class PostgresResource(string name, string? externalConnectionString) : Resource(name)
{
    private readonly List<PostgresDatabaseResource> _databases = [];
    private PostgresServer? _server;
    private string? _serverConnectionString;

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    public PostgresDatabaseResource AddDatabase(string databaseName)
    {
        var database = new PostgresDatabaseResource(databaseName, this);
        _databases.Add(database);
        return database;
    }

    internal string ConnectionStringFor(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(_serverConnectionString
            ?? throw new InvalidOperationException($"{Name} has not started.")) { Database = database };
        return builder.ConnectionString;
    }

    public override string Describe() => _server is { } s
        ? $"127.0.0.1:{s.Port}  databases: {string.Join(", ", _databases.Select(d => d.Name))}"
        : "external server";

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        State = ResourceState.Starting;
        if (!string.IsNullOrWhiteSpace(externalConnectionString))
        {
            _serverConnectionString = externalConnectionString;
            context.Log.Line(Name, "using the server given in ConnectionStrings:postgres");
        }
        else
        {
            var dataDirectory = Path.Combine(context.DataDirectory, "postgres");
            if (!PostgresServer.ServiceAccountCanReach(dataDirectory))
            {
                // E.g. a clone under /root (mode 700): keep the cluster where the postgres account can
                // reach it, at a stable place per repository so its data is still kept between runs.
                var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..12].ToLowerInvariant();
                var fallback = Path.Combine("/var/lib/cchc", key, "postgres");
                context.Log.Line(Name, $"the postgres account cannot enter {context.DataDirectory}; keeping the cluster in {fallback} instead");
                dataDirectory = fallback;
            }
            context.Log.Line(Name, $"starting a private cluster in {dataDirectory}");
            _server = await PostgresServer.StartAsync(new PostgresServerOptions
            {
                DataDirectory = dataDirectory,
                Log = line => context.Log.Line(Name, line),
                Environment = new Dictionary<string, string> { ["CCHC_APPHOST_ID"] = context.InstanceId },
            }, cancellationToken);
            _serverConnectionString = _server.ConnectionString();
            _server.Exited += code =>
            {
                if (State is not ResourceState.Stopping and not ResourceState.Stopped && !context.ShuttingDown)
                {
                    State = ResourceState.Exited;
                    // A crash is never silent, the database's least of all.
                    context.Log.Error($"{Name} exited unexpectedly with exit code {code}; the services cannot reach their databases.");
                }
            };
        }
        foreach (var database in _databases)
        {
            await PostgresServer.CreateDatabaseAsync(_serverConnectionString, database.Name, cancellationToken);
            database.MarkReady();
        }
        State = ResourceState.Running;
    }

    public override async Task StopAsync()
    {
        State = ResourceState.Stopping;
        if (_server is not null)
        {
            await _server.StopAsync();
        }
        State = ResourceState.Stopped;
    }
}

/// <summary>One database of the server; its connection string goes to the service that owns it.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresResource server) : IResourceWithConnectionString
{
    private bool _ready;

    public string Name { get; } = name;
    public Resource Owner => server;
    public string ConnectionString => _ready ? server.ConnectionStringFor(Name) : throw new InvalidOperationException($"{Name} is not created yet.");

    internal void MarkReady() => _ready = true;
}
