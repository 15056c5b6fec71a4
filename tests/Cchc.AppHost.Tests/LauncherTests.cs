using Cchc.Hosting.Local;
using Npgsql;
using StackExchange.Redis;

namespace Cchc.AppHost.Tests;

public sealed class LauncherTests
{
    [Fact]
    public async Task A_private_PostgreSQL_cluster_keeps_its_data_and_password_across_restarts_and_leaves_no_server_behind()
    {
        var data = Path.Combine(Path.GetTempPath(), $"cchc-launcher-{Guid.NewGuid():N}", "postgres");
        try
        {
            var first = await PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = data, Ephemeral = true });
            await first.CreateDatabaseAsync("kept");
            await first.CreateDatabaseAsync("kept"); // creating twice is harmless
            await using (var connection = new NpgsqlConnection(first.ConnectionString("kept")))
            {
                await connection.OpenAsync();
                await new NpgsqlCommand("CREATE TABLE t (v text); INSERT INTO t VALUES ('còn đây')", connection).ExecuteNonQueryAsync();
            }
            var firstPid = first.ProcessId!.Value;
            await first.StopAsync();
            Assert.False(IsRunning(firstPid));

            await using var second = await PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = data, Ephemeral = true });
            await using var again = new NpgsqlConnection(second.ConnectionString("kept"));
            await again.OpenAsync();
            var value = await new NpgsqlCommand("SELECT v FROM t", again).ExecuteScalarAsync();

            Assert.Equal(first.Password, second.Password);
            Assert.Equal("còn đây", value);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(data)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_PostgreSQL_server_that_dies_says_so_with_its_exit_code()
    {
        var data = Path.Combine(Path.GetTempPath(), $"cchc-launcher-{Guid.NewGuid():N}", "postgres");
        try
        {
            await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = data, Ephemeral = true });
            var exited = new TaskCompletionSource<int>();
            server.Exited += code => exited.TrySetResult(code);

            System.Diagnostics.Process.GetProcessById(server.ProcessId!.Value).Kill();
            var code = await exited.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.NotEqual(0, code);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(data)!, recursive: true);
        }
    }

    [Fact]
    public async Task The_PostgreSQL_server_refuses_a_wrong_password()
    {
        var data = Path.Combine(Path.GetTempPath(), $"cchc-launcher-{Guid.NewGuid():N}", "postgres");
        try
        {
            await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = data, Ephemeral = true });
            var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString()) { Password = "wrong" }.ConnectionString;

            var ex = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var connection = new NpgsqlConnection(wrong);
                await connection.OpenAsync();
            });

            Assert.Equal(PostgresErrorCodes.InvalidPassword, ex.SqlState);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(data)!, recursive: true);
        }
    }

    [Fact]
    public async Task Garnet_hosted_in_process_speaks_the_Redis_protocol()
    {
        var port = Ports.Free();
        using var garnet = GarnetHost.Start(port);
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");

        await redis.GetDatabase().StringSetAsync("hồ-sơ", "đã tiếp nhận", TimeSpan.FromMinutes(1));

        Assert.Equal("đã tiếp nhận", (string?)await redis.GetDatabase().StringGetAsync("hồ-sơ"));
    }

    [Fact]
    public void Under_root_a_data_folder_below_a_closed_folder_is_out_of_the_postgres_accounts_reach()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var closed = Path.Combine(Path.GetTempPath(), $"cchc-closed-{Guid.NewGuid():N}");
        Directory.CreateDirectory(closed);
        try
        {
            File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var reachable = PostgresServer.ServiceAccountCanReach(Path.Combine(closed, "repo", ".cchc", "postgres"));

            // Only root hands the server to the postgres account; anyone else runs it as themselves.
            Assert.Equal(!PosixProcess.IsRoot, reachable);
            Assert.True(PostgresServer.ServiceAccountCanReach(Path.Combine(Path.GetTempPath(), "open", "postgres")));
        }
        finally
        {
            Directory.Delete(closed, recursive: true);
        }
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");
}
