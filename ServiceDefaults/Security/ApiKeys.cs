using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;

namespace Cchc.ServiceDefaults.Security;

/// <summary>
/// API keys look like <c>cchc_&lt;key id&gt;_&lt;secret&gt;</c>. Only the SHA-256 of the secret is
/// stored; the key id finds the record without scanning.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "cchc_";
    public const string Header = "x-api-key";

    public static (string KeyId, string PlainText, string SecretHash) Generate()
    {
        var keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (keyId, $"{Prefix}{keyId}_{secret}", Hash(secret));
    }

    public static bool TryParse(string? plainText, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (plainText is null || !plainText.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = plainText[Prefix.Length..];
        var separator = rest.IndexOf('_');
        if (separator != 12 || rest.Length < separator + 20)
        {
            return false;
        }
        keyId = rest[..separator];
        secret = rest[(separator + 1)..];
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What every service needs to know about a key, mirrored from the Directives registry into the shared cache.</summary>
public sealed record ApiKeyRecord(string KeyId, string Name, string SecretHash, IReadOnlyList<string> Scopes, int RateLimitPerMinute,
    DateTimeOffset? ExpiresAt, bool Revoked = false)
{
    public bool IsActive(DateTimeOffset now) => !Revoked && (ExpiresAt is null || ExpiresAt > now);

    public static ApiKeyRecord Tombstone(string keyId) => new(keyId, "", "", [], 0, null, Revoked: true);
}

/// <summary>The shared-cache mirror of the key registry.</summary>
public sealed class ApiKeyDirectory(IConnectionMultiplexer redis)
{
    private static string Key(string keyId) => $"cchc:apikeys:{keyId}";

    public async Task<ApiKeyRecord?> FindAsync(string keyId)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(keyId));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ApiKeyRecord>(value.ToString());
    }

    /// <summary>Writes the record, replacing whatever is there (a new key, or a revocation's tombstone).</summary>
    public Task PublishAsync(ApiKeyRecord record) =>
        redis.GetDatabase().StringSetAsync(Key(record.KeyId), JsonSerializer.Serialize(record));

    /// <summary>
    /// Adds the record only where the directory has nothing for the key: the periodic mirror must
    /// never overwrite a revocation's tombstone with a record it read before the revocation committed.
    /// </summary>
    public Task AddIfMissingAsync(ApiKeyRecord record) =>
        redis.GetDatabase().StringSetAsync(Key(record.KeyId), JsonSerializer.Serialize(record), when: When.NotExists);

    public Task RevokeAsync(string keyId) => PublishAsync(ApiKeyRecord.Tombstone(keyId));
}

/// <summary>
/// What a key's scopes admit. A scope is <c>&lt;service&gt;:read</c> (the service's Get/List/Read/
/// Stream/Compute/Preview calls), <c>&lt;service&gt;:write</c> (all of its calls), or one full method
/// name such as <c>cchc.dossiers.v1.ProcedureCatalog/GetProcedure</c>.
/// </summary>
public static class ApiKeyScopes
{
    private static readonly string[] ReadVerbs = ["Get", "List", "Read", "Stream", "Compute", "Preview", "Search"];

    public static bool IsWellFormed(string scope)
    {
        var colon = scope.IndexOf(':');
        if (colon > 0)
        {
            var (service, access) = (scope[..colon], scope[(colon + 1)..]);
            return Resources.ServiceDatabases.Any(s => s.Service == service) && access is "read" or "write";
        }
        return scope.StartsWith("cchc.", StringComparison.Ordinal) && scope.Contains('/', StringComparison.Ordinal);
    }

    public static bool Admits(IEnumerable<string> scopes, string grpcMethodFullName)
    {
        // "/cchc.dossiers.v1.ProcedureCatalog/GetProcedure" or without the leading slash.
        var name = grpcMethodFullName.TrimStart('/');
        var parts = name.Split('.', 3);
        var service = parts.Length == 3 && parts[0] == "cchc" ? parts[1] : null;
        var method = name[(name.LastIndexOf('/') + 1)..];
        var isRead = ReadVerbs.Any(v => method.StartsWith(v, StringComparison.Ordinal));
        return scopes.Any(scope =>
            scope == name
            || (service is not null && scope == $"{service}:write")
            || (service is not null && isRead && scope == $"{service}:read"));
    }
}
