using System.Collections.Concurrent;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.PublicLookup;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Contract = Cchc.Dossiers.V1;

namespace Cchc.Dossiers.Procedures;

/// <summary>
/// The catalogue as <c>GetProcedure</c> answers it, in memory. A version of a procedure never changes
/// (the table is append-only), so <c>code@version</c> is cached for good; only "the latest version of a
/// code" can change, when a version is added. Adding one (on any instance) drops that code's latest
/// entry here and, through the shared cache's pub/sub, on every other instance; a reader that filled
/// an entry from the database while an invalidation passed does not keep it (a generation check), and
/// if the subscription is lost every latest entry is dropped. Unknown codes are not cached. The intake reads
/// the latest version here too, as the entity (shared between requests: never attached, never changed).
/// </summary>
public sealed class ProcedureCache
{
    private sealed record Entry(Procedure Entity, Contract.Procedure Contract);

    private readonly ConcurrentDictionary<(string Code, int Version), Entry> _versions = new();
    private readonly ConcurrentDictionary<string, Entry> _latest = new(StringComparer.Ordinal);
    private readonly RedisChannel _channel;
    private readonly ISubscriber _subscriber;
    private long _generation;

    public ProcedureCache(IConnectionMultiplexer redis, CacheNamespace ns)
    {
        _channel = RedisChannel.Literal($"{ns.Prefix}procedure-versions");
        _subscriber = redis.GetSubscriber();
        try
        {
            _subscriber.Subscribe(_channel, (_, code) => Drop(code.ToString()));
        }
        catch (RedisException)
        {
            // Not connected yet: the client subscribes when it connects, and ConnectionRestored drops every latest entry.
        }
        redis.ConnectionFailed += (_, _) => DropAll();
        redis.ConnectionRestored += (_, _) => DropAll();
    }

    /// <summary>The procedure at <paramref name="version"/>, or its latest version for 0; null when there is none.</summary>
    public async Task<Contract.Procedure?> GetAsync(DossiersDbContext db, string code, int version, CancellationToken cancellationToken) =>
        (await GetEntryAsync(db, code, version, cancellationToken))?.Contract;

    /// <summary>The name of the procedure at <paramref name="version"/> (a version never changes, so after its first read it comes from memory); "" when there is none.</summary>
    public async Task<string> NameAsync(DossiersDbContext db, string code, int version, CancellationToken cancellationToken) =>
        (await GetEntryAsync(db, code, version, cancellationToken))?.Contract.Name ?? "";

    /// <summary>The latest version of <paramref name="code"/> as stored (read-only: shared between requests), or null.</summary>
    public async Task<Procedure?> GetLatestEntityAsync(DossiersDbContext db, string code, CancellationToken cancellationToken) =>
        (await GetEntryAsync(db, code, 0, cancellationToken))?.Entity;

    private async Task<Entry?> GetEntryAsync(DossiersDbContext db, string code, int version, CancellationToken cancellationToken)
    {
        if (version > 0 ? _versions.TryGetValue((code, version), out var hit) : _latest.TryGetValue(code, out hit))
        {
            return hit;
        }
        var generation = Interlocked.Read(ref _generation);
        var query = db.Procedures.AsNoTracking().Where(p => p.Code == code);
        if (version > 0)
        {
            query = query.Where(p => p.Version == version);
        }
        var procedure = await query.OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        if (procedure is null)
        {
            return null;
        }
        var entry = _versions.GetOrAdd((procedure.Code, procedure.Version), new Entry(procedure, ProcedureCatalogGrpcService.ToContract(procedure)));
        if (version == 0)
        {
            lock (_latest)
            {
                // Filled across an invalidation: answer with it, but do not keep it.
                if (Interlocked.Read(ref _generation) == generation)
                {
                    _latest[code] = entry;
                }
            }
        }
        return entry;
    }

    /// <summary>A version of <paramref name="code"/> was added (after its commit): here at once, elsewhere through the shared cache.</summary>
    public async Task VersionAddedAsync(string code)
    {
        Drop(code);
        await _subscriber.PublishAsync(_channel, code);
    }

    private void Drop(string code)
    {
        lock (_latest)
        {
            Interlocked.Increment(ref _generation);
            _latest.TryRemove(code, out _);
        }
    }

    private void DropAll()
    {
        lock (_latest)
        {
            Interlocked.Increment(ref _generation);
            _latest.Clear();
        }
    }
}
