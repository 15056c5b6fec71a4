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

/// <summary>
/// API-key records are signed by Directives, which keeps the registry, with its own service key; every
/// reader verifies them with Directives' public key (<c>ServiceIdentity:Trust:directives</c>). The shared
/// cache therefore decides nothing by itself: a record written there by anyone else — another service, or
/// whoever reaches the cache — is not a key.
/// </summary>
public sealed class ApiKeySeal
{
    public const string Registry = Resources.Directives;
    private readonly ECDsa? _signer;
    private readonly ECDsa? _verifier;

    private ApiKeySeal(ECDsa? signer, ECDsa? verifier) => (_signer, _verifier) = (signer, verifier);

    public static ApiKeySeal From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ECDsa? signer = null, verifier = null;
        if (configuration["ServiceIdentity:Name"] == Registry && configuration["ServiceIdentity:PrivateKey"] is { Length: > 0 } privateKey)
        {
            signer = ECDsa.Create();
            signer.ImportPkcs8PrivateKey(Convert.FromBase64String(privateKey), out _);
        }
        if (configuration[$"ServiceIdentity:Trust:{Registry}"] is { Length: > 0 } publicKey)
        {
            verifier = ECDsa.Create();
            verifier.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        }
        return new ApiKeySeal(signer, verifier);
    }

    /// <summary>A seal that signs with <paramref name="registryPrivateKey"/> (Directives' PKCS#8 key, base64) and verifies with its public half.</summary>
    public static ApiKeySeal ForRegistryKey(string registryPrivateKey)
    {
        var signer = ECDsa.Create();
        signer.ImportPkcs8PrivateKey(Convert.FromBase64String(registryPrivateKey), out _);
        return new ApiKeySeal(signer, signer);
    }

    public string Seal(ApiKeyRecord record)
    {
        if (_signer is null)
        {
            throw new InvalidOperationException("Only Directives, with its service key, may publish API-key records.");
        }
        var body = JsonSerializer.Serialize(record);
        var signature = _signer.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256);
        return JsonSerializer.Serialize(new SealedRecord(body, Convert.ToBase64String(signature)));
    }

    /// <summary>The record, or null when it is not one Directives signed.</summary>
    public ApiKeyRecord? Open(string stored)
    {
        if (_verifier is null)
        {
            return null;
        }
        try
        {
            var sealedRecord = JsonSerializer.Deserialize<SealedRecord>(stored);
            if (sealedRecord is null || !_verifier.VerifyData(Encoding.UTF8.GetBytes(sealedRecord.Record), Convert.FromBase64String(sealedRecord.Signature), HashAlgorithmName.SHA256))
            {
                return null;
            }
            return JsonSerializer.Deserialize<ApiKeyRecord>(sealedRecord.Record);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentNullException)
        {
            return null;
        }
    }

    private sealed record SealedRecord(string Record, string Signature);
}

/// <summary>The shared-cache mirror of the key registry, every record sealed by Directives (<see cref="ApiKeySeal"/>).</summary>
public sealed class ApiKeyDirectory(IConnectionMultiplexer redis, ApiKeySeal seal)
{
    private static string Key(string keyId) => $"cchc:apikeys:{keyId}";

    public async Task<ApiKeyRecord?> FindAsync(string keyId)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(keyId));
        return value.IsNullOrEmpty ? null : seal.Open(value.ToString());
    }

    /// <summary>Writes the record, replacing whatever is there (a new key, or a revocation's tombstone).</summary>
    public Task PublishAsync(ApiKeyRecord record) =>
        redis.GetDatabase().StringSetAsync(Key(record.KeyId), seal.Seal(record));

    /// <summary>
    /// Adds the record only where the directory has nothing for the key: the periodic mirror must
    /// never overwrite a revocation's tombstone with a record it read before the revocation committed.
    /// </summary>
    public Task AddIfMissingAsync(ApiKeyRecord record) =>
        redis.GetDatabase().StringSetAsync(Key(record.KeyId), seal.Seal(record), when: When.NotExists);

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
