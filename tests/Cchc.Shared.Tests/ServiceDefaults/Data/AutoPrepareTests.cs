using Cchc.ServiceDefaults.Data;
using Npgsql;

namespace Cchc.Shared.Tests;

/// <summary>Statements prepared per connection by default (<c>ServiceDefaults/Data/DatabaseDefaults.cs</c>).</summary>
public sealed class AutoPrepareTests
{
    [Fact]
    public void A_connection_string_that_does_not_say_gets_automatic_preparation_and_keeps_everything_else()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseDefaults.WithAutoPrepare("Host=db;Port=5433;Database=dossiersdb;Username=u;Password=p;Maximum Pool Size=64"));

        Assert.Equal(DatabaseDefaults.AutoPreparedStatements, result.MaxAutoPrepare);
        Assert.Equal(2, result.AutoPrepareMinUsages);
        Assert.Equal(("db", 5433, "dossiersdb", "u", "p", 64), (result.Host, result.Port, result.Database, result.Username, result.Password, result.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;Database=d;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=d;max auto prepare=20", 20)]
    [InlineData("Host=db;Database=d;MaxAutoPrepare = 8", 8)]
    public void An_operator_who_sets_it_is_obeyed(string connectionString, int expected)
    {
        var result = DatabaseDefaults.WithAutoPrepare(connectionString);

        Assert.Equal(connectionString, result);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(result).MaxAutoPrepare);
    }

    [Fact]
    public void A_minimum_of_uses_set_alone_is_kept_and_preparation_still_turned_on()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseDefaults.WithAutoPrepare("Host=db;Database=d;Auto Prepare Min Usages=5"));

        Assert.Equal((DatabaseDefaults.AutoPreparedStatements, 5), (result.MaxAutoPrepare, result.AutoPrepareMinUsages));
    }

    [Fact]
    public void No_connection_string_stays_none()
    {
        Assert.Null(DatabaseDefaults.WithAutoPrepare(null));
        Assert.Equal("", DatabaseDefaults.WithAutoPrepare(""));
    }
}
