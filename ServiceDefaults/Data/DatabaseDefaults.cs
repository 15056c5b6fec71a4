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

    /// <summary>Aspire's own retry policy (six tries over half a minute) is replaced by <see cref="Options"/>'s.</summary>
    public static void Settings(NpgsqlEntityFrameworkCorePostgreSQLSettings settings) => settings.DisableRetry = true;

    public static DbContextOptionsBuilder Options(DbContextOptionsBuilder options) =>
        options.UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, errorCodesToAdd: null));
}
