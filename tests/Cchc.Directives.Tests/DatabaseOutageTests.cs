using Cchc.Directives.V1;
using Cchc.Hosting.Local;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Directives.Tests;

/// <summary>A service whose PostgreSQL goes away answers at once that it is unavailable, and works again when it is back.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task While_its_database_is_down_a_call_answers_UNAVAILABLE_with_a_retry_delay_well_before_its_deadline()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cchc-test-outage-{Guid.NewGuid():N}");
        var options = new PostgresServerOptions { DataDirectory = Path.Combine(folder, "postgres"), Ephemeral = true, StopWithThisProcess = true };
        var postgres = await PostgresServer.StartAsync(options);
        var service = new ServiceFixture<Program>(Resources.DirectivesDb, settings: new Dictionary<string, string>
        {
            [$"ConnectionStrings:{Resources.DirectivesDb}"] = postgres.ConnectionString("directives_outage"),
        });
        try
        {
            await service.InitializeAsync();
            var units = new OrganizationService.OrganizationServiceClient(service.CreateChannel());
            await units.ListUnitsAsync(new ListUnitsRequest());

            await postgres.StopAsync();
            // Well past the service's own two short retries, far short of what six retries over half a minute would take.
            var refused = await RpcAssert.FailsWith(StatusCode.Unavailable, () =>
                units.ListUnitsAsync(new ListUnitsRequest(), deadline: DateTime.UtcNow.AddSeconds(15)).ResponseAsync);

            Assert.NotNull(refused.GetDetail<RetryInfo>());
            Assert.DoesNotContain("Npgsql", refused.Message);

            postgres = await PostgresServer.StartAsync(options with { Port = postgres.Port });
            // Connections broken by the outage are dropped as they are found; a caller's retry gets through.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    await units.ListUnitsAsync(new ListUnitsRequest());
                    break;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }
        }
        finally
        {
            await service.DisposeAsync();
            await postgres.StopAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
