using System.Text.Json;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cchc.Dossiers.PublicLookup;

/// <summary>What the portal may learn about a dossier, plus the hash its lookup secret must match.</summary>
public sealed record PublicStatusEntry(
    int Version,
    string Code,
    string SecretHash,
    int Status,
    string ProcedureName,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset DueAt,
    string SupplementRequirements,
    DateTimeOffset UpdatedAt,
    bool Rated = false)
{
    public static PublicStatusEntry Of(Dossier d) => new(
        d.Version, d.Code, d.LookupSecretHash, (int)d.Status, d.Procedure.Name, d.ReceivedAt, d.DueAt,
        d.SupplementRequirements, d.UpdatedAt, d.RatedAt is not null);
}

/// <summary>Where the cache keys of this service's database live; several databases may share one cache.</summary>
public sealed record CacheNamespace(string Prefix);

/// <summary>
/// Public statuses in the Redis cache, one hash per dossier code holding the entry and its
/// version. Every write is "replace if newer": a change publishes its entry after commit and a
/// reader filling a miss from the database can never put an older entry back over it, whatever
/// order the two arrive in. An unknown code is cached as version 0, which an intake replaces.
/// </summary>
public sealed class PublicStatusCache(IConnectionMultiplexer redis, CacheNamespace ns, IOptions<DossierOptions> options, ILogger<PublicStatusCache> logger)
{
    private const int UnknownVersion = 0;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The entry for <paramref name="code"/>, from the cache or else the database; null when no such dossier exists.</summary>
    public async Task<PublicStatusEntry?> GetAsync(string code, DossiersDbContext db, CancellationToken cancellationToken) =>
        await GetAsync(code, db, await ReadCached(redis.GetDatabase(), code), cancellationToken);

    /// <summary>The cached entry's read, to be sent with other commands in one round trip (see <see cref="GetAsync(string, DossiersDbContext, RedisValue, CancellationToken)"/>).</summary>
    public Task<RedisValue> ReadCached(IDatabaseAsync cache, string code) => cache.HashGetAsync(Key(code), "entry");

    /// <summary>The entry from what <see cref="ReadCached"/> read, or from the database (and then cached) when the cache did not have it.</summary>
    public async Task<PublicStatusEntry?> GetAsync(string code, DossiersDbContext db, RedisValue cached, CancellationToken cancellationToken)
    {
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<PublicStatusEntry?>(cached.ToString(), Json);
        }

        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.Procedure)
            .FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        var entry = dossier is null ? null : PublicStatusEntry.Of(dossier);
        await ReplaceIfNewerAsync(code, entry?.Version ?? UnknownVersion, entry,
            entry is null ? options.Value.UnknownCodeCacheTtl : options.Value.PublicStatusCacheTtl);
        return entry;
    }

    /// <summary>Publishes a committed change; called before the change's call returns, so no later read sees the old entry.</summary>
    public async Task PublishAsync(Dossier dossier)
    {
        try
        {
            await ReplaceIfNewerAsync(dossier.Code, dossier.Version, PublicStatusEntry.Of(dossier), options.Value.PublicStatusCacheTtl);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The change is committed and must be reported as done; an entry the cache kept stays at
            // most one TTL, so try to drop it.
            logger.LogError(ex, "Could not publish the public status of dossier {DossierCode}", dossier.Code);
            await redis.GetDatabase().KeyDeleteAsync(Key(dossier.Code), CommandFlags.FireAndForget);
        }
    }

    /// <summary>
    /// Replace if newer, in the cache itself: one round trip, where a read of the version and a transaction watching
    /// it took three (and a retry when another writer came between).
    /// </summary>
    private const string ReplaceIfNewerScript = """
        local current = redis.call('HGET', KEYS[1], 'version')
        if current and tonumber(current) >= tonumber(ARGV[1]) then
          return 0
        end
        redis.call('HSET', KEYS[1], 'version', ARGV[1], 'entry', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private async Task ReplaceIfNewerAsync(string code, int version, PublicStatusEntry? entry, TimeSpan ttl) =>
        await redis.GetDatabase().ScriptEvaluateAsync(ReplaceIfNewerScript, [Key(code)],
            [version, JsonSerializer.Serialize(entry, Json), (long)ttl.TotalMilliseconds]);

    private RedisKey Key(string code) => $"{ns.Prefix}public-status:{code}";
}
