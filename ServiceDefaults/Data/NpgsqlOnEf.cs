using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Cchc.ServiceDefaults.Data;

/// <summary>EF Core's connection as Npgsql's own, for the raw commands and batches a context's hot paths send on it.</summary>
public static class NpgsqlOnEf
{
    /// <summary>
    /// The context's connection, as it is (open only if EF or the caller opened it: within a transaction it is). The
    /// caller that opens it with <c>OpenConnectionAsync</c> closes it with <c>CloseConnectionAsync</c>.
    /// </summary>
    public static NpgsqlConnection NpgsqlConnection(this DatabaseFacade database) =>
        database.GetDbConnection() as NpgsqlConnection
        ?? throw new InvalidOperationException("The context does not use Npgsql.");
}
