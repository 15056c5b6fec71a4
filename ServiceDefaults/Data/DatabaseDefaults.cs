using Aspire.Npgsql.EntityFrameworkCore.PostgreSQL;
using Microsoft.EntityFrameworkCore;

namespace Cchc.ServiceDefaults.Data;

/// <summary>
/// How every service talks to its database through Aspire's Npgsql EF Core integration: a failure to
/// reach PostgreSQL is retried twice within a second, then the call answers UNAVAILABLE at once
/// (<see cref="Grpc.ErrorMappingInterceptor"/>) instead of hanging in retries until the caller's deadline.
/// </summary>
public static class DatabaseDefaults
{
    public const int MaxRetries = 2;
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>How many statements each connection keeps prepared (Npgsql's automatic preparation), unless the connection string says.</summary>
    public const int AutoPreparedStatements = 256;

    /// <summary>
    /// Aspire's own retry policy (six tries over half a minute) is replaced by <see cref="Options"/>'s, and the
    /// statements a service runs again and again (EF Core gives each query shape one SQL text) are prepared on
    /// each connection after their second use, so PostgreSQL parses and plans them once per connection instead
    /// of on every call. A connection string that sets <c>Max Auto Prepare</c> itself (0 turns it off) wins.
    /// </summary>
    public static void Settings(NpgsqlEntityFrameworkCorePostgreSQLSettings settings)
    {
        settings.DisableRetry = true;
        settings.ConnectionString = WithAutoPrepare(settings.ConnectionString);
    }

    public static string? WithAutoPrepare(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return connectionString;
        }
        // Keywords as Npgsql reads them: case and spaces do not matter ("Max Auto Prepare", "maxautoprepare").
        var compact = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Contains("MaxAutoPrepare=", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements };
        if (!compact.Contains("AutoPrepareMinUsages=", StringComparison.OrdinalIgnoreCase))
        {
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    public static DbContextOptionsBuilder Options(DbContextOptionsBuilder options) =>
        options.UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, errorCodesToAdd: null));
}
