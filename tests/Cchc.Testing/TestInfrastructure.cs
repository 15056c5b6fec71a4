using Cchc.Hosting.Local;
using Garnet;
using StackExchange.Redis;

namespace Cchc.Testing;

/// <summary>
/// One throw-away PostgreSQL cluster and one Garnet cache per test assembly, started on first use
/// with the AppHost's own launchers and stopped when the test process exits. Each test fixture
/// gets its own database, so fixtures never see each other's rows.
/// </summary>
public static class TestInfrastructure
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _postgres;
    private static GarnetServer? _garnet;
    private static string? _dataDirectory;

    public static int CachePort { get; private set; }

    public static string CacheConnectionString => $"127.0.0.1:{CachePort}";

    private static readonly Lazy<ConnectionMultiplexer> CacheClient = new(() =>
    {
        EnsureCache();
        return ConnectionMultiplexer.Connect(CacheConnectionString);
    });

    /// <summary>A client of the shared test cache, e.g. to publish an API key the services will accept.</summary>
    public static IConnectionMultiplexer Cache => CacheClient.Value;

    public static async Task<PostgresServer> PostgresAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_postgres is null)
            {
                _dataDirectory = Path.Combine(Path.GetTempPath(), $"cchc-test-{Guid.NewGuid():N}");
                _postgres = await PostgresServer.StartAsync(new PostgresServerOptions
                {
                    DataDirectory = Path.Combine(_dataDirectory, "postgres"),
                    Ephemeral = true,
                    // A test run that is killed (or whose host the runner ends) still stops its cluster.
                    StopWithThisProcess = true,
                });
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
            }
            return _postgres;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static void EnsureCache()
    {
        Gate.Wait();
        try
        {
            if (_garnet is null)
            {
                CachePort = Ports.Free();
                _garnet = GarnetHost.Start(CachePort);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var postgres = await PostgresAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await postgres.CreateDatabaseAsync(name);
        return postgres.ConnectionString(name);
    }

    private static void Shutdown()
    {
        _garnet?.Dispose();
        _postgres?.StopAsync().GetAwaiter().GetResult();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
