using System.Security.Cryptography;
using System.Text;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Codes;
using Cchc.Dossiers.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Dossiers.Intake;

/// <summary>
/// The lookup secret printed on a receipt. It is derived from a server key, the dossier code and
/// the intake's request id, so a retried intake hands out the same secret again without the secret
/// being stored; the database keeps only a keyed hash, which a copy of the database alone cannot
/// brute-force (8 characters of 31 are too few for a plain hash).
/// </summary>
public sealed class LookupSecrets(IOptions<DossierOptions> options, IServiceScopeFactory scopes, ILogger<LookupSecrets> logger)
{
    private const string StoredKeyName = "lookup_secret";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async Task<string> DeriveAsync(string dossierCode, Guid requestId, CancellationToken cancellationToken)
    {
        var mac = HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.UTF8.GetBytes($"secret\n{dossierCode}\n{requestId:D}"));
        var secret = new char[LookupSecret.Length];
        for (var i = 0; i < secret.Length; i++)
        {
            // 2^32 mod 31 = 4, so the bias towards the first letters is below one in a billion.
            secret[i] = LookupSecret.Alphabet[(int)(BitConverter.ToUInt32(mac, i * 4) % (uint)LookupSecret.Alphabet.Length)];
        }
        return new string(secret);
    }

    public async Task<string> HashAsync(string dossierCode, string secret, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.UTF8.GetBytes($"hash\n{dossierCode}\n{secret}")));

    /// <summary>
    /// Who an applicant is, as the digitised-paper store keys it: a keyed hash of the applicant's kind
    /// and identity number, so the store finds an applicant's papers again without keeping the number
    /// beside them. Made with the same server key, so changing that key loses the reuse of earlier papers.
    /// </summary>
    public async Task<string> ApplicantKeyAsync(ApplicantKind kind, string identityNumber, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.UTF8.GetBytes($"applicant\n{kind}\n{identityNumber}")));

    public async Task<bool> MatchesAsync(string dossierCode, string secret, string storedHash, CancellationToken cancellationToken) =>
        LookupSecret.FixedTimeEquals(await HashAsync(dossierCode, secret, cancellationToken), storedHash);

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is not null)
        {
            return _key;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _key ??= await LoadKeyAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        // Its shape is checked when the service starts (Extensions.AddApplicationServices).
        if (options.Value.LookupSecretKey is { Length: > 0 } configured)
        {
            return Convert.FromBase64String(configured);
        }

        logger.LogWarning("{Setting} is not configured; lookup secrets use a key kept in the dossiers database.",
            $"{DossierOptions.Section}:{nameof(DossierOptions.LookupSecretKey)}");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var candidate = RandomNumberGenerator.GetBytes(32);
        // Instances starting together must agree on one key: the first insert wins, everyone reads it back.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO service_keys (name, value) VALUES ({StoredKeyName}, {candidate}) ON CONFLICT (name) DO NOTHING", cancellationToken);
        return await db.ServiceKeys.Where(k => k.Name == StoredKeyName).Select(k => k.Value).SingleAsync(cancellationToken);
    }
}

/// <summary>A key the service made for itself because configuration gave none.</summary>
public sealed class ServiceKey
{
    public required string Name { get; init; }
    public required byte[] Value { get; init; }
}
