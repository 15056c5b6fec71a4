using Cchc.Dossiers.Data;
using Cchc.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cchc.Dossiers.Tests;

/// <summary>How the service's own connections to its database are set up.</summary>
public sealed class DatabaseConnectionTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    [Fact]
    public async Task The_services_connections_prepare_the_statements_they_repeat()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal((DatabaseDefaults.AutoPreparedStatements, 2), (settings.MaxAutoPrepare, settings.AutoPrepareMinUsages));

        // On one of those connections, a statement run three times is prepared on the server from then on.
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var read = new NpgsqlCommand("SELECT count(*) FROM procedures WHERE code = $1", connection) { Parameters = { new() { Value = "9.999999" } } };
            await read.ExecuteScalarAsync();
        }
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM procedures WHERE code%'", connection);
        Assert.Equal(1L, (long)(await prepared.ExecuteScalarAsync())!);
    }
}
