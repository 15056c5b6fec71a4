using Cchc.ServiceDefaults;
using Cchc.Testing;

namespace Cchc.Indexes.Tests;

public sealed class IndexesFixture() : ServiceFixture<Program>(Resources.IndexesDb)
{
    /// <summary>Reads the revisions table directly: corrections must keep what they replaced.</summary>
    public async Task<int> CountRevisionsAsync(string subjectCode)
    {
        await using var connection = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM index_result_revisions v JOIN index_results r ON r.id = v.result_id WHERE r.subject_code = @s", connection);
        command.Parameters.AddWithValue("s", subjectCode);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
