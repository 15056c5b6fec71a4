using Cchc.Dossiers.Records;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cchc.Dossiers.PublicLookup;

/// <summary>
/// Slows down guessing a receipt's secret without locking its applicant out. Failed look-ups are counted
/// per code and caller network (/24 for IPv4, /64 for IPv6) and per network across codes, in fixed
/// windows; a network past either limit gets RESOURCE_EXHAUSTED with RetryInfo, for that network only.
/// A code guessed at from many networks is not locked but slowed: past the per-code limit every further
/// attempt on it waits a little longer (up to a ceiling), so the real applicant still gets an answer.
/// Unknown codes count too: otherwise a code that never gets throttled is a code that does not exist.
/// </summary>
/// <remarks>
/// Counting per code is atomic: an attempt takes its place (INCR) before its secret is checked, and gives
/// it back when the secret was right, so a burst on one code cannot all pass a read-then-check between two
/// writes. The per-network count is of failures only (<see cref="FailedAsync"/>): many right look-ups in
/// flight at once from one network — the portal's server, an office behind one address — are no failures.
/// </remarks>
public sealed class LookupThrottle(IConnectionMultiplexer redis, CacheNamespace ns, IOptions<DossierOptions> options)
{
    /// <summary>One attempt's places in the counters, to give back when its secret was right.</summary>
    public sealed record Attempt(string Code, string Network);

    /// <summary>Takes an attempt's place, or throws RESOURCE_EXHAUSTED when the caller's network is over a limit.</summary>
    public async Task<Attempt> BeginAsync(string code, string network, CancellationToken cancellationToken) =>
        (await BeginAsync(code, network, _ => Task.FromResult(RedisValue.Null), cancellationToken)).Attempt;

    /// <summary>
    /// Takes an attempt's place, and reads what the attempt is for (<paramref name="alongside"/>, e.g. the dossier's
    /// cached status) in the same round trip; or throws RESOURCE_EXHAUSTED when the caller's network is over a limit.
    /// </summary>
    public async Task<(Attempt Attempt, RedisValue Alongside)> BeginAsync(string code, string network, Func<IDatabaseAsync, Task<RedisValue>> alongside,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        var cache = redis.GetDatabase();
        var (pairKey, networkKey, codeKey) = Keys(code, network);
        // One pipelined batch, not a MULTI transaction: each INCR is atomic on its own, which is all the counting needs,
        // and every attempt sends its EXPIRE … NX, so a counter left without its window by a lost command gets one back
        // at the next attempt.
        var batch = cache.CreateBatch();
        var read = alongside(batch);
        var pair = batch.StringIncrementAsync(pairKey);
        var pairWindow = batch.KeyExpireAsync(pairKey, o.LookupFailureWindow, ExpireWhen.HasNoExpiry);
        var networkFailures = batch.StringGetAsync(networkKey);
        var onCode = batch.StringIncrementAsync(codeKey);
        var codeWindow = batch.KeyExpireAsync(codeKey, o.LookupFailureWindow, ExpireWhen.HasNoExpiry);
        batch.Execute();
        await Task.WhenAll(read, pair, pairWindow, networkFailures, onCode, codeWindow);
        var value = await read;

        var fromNetwork = (long?)await networkFailures ?? 0;
        if (await pair > o.LookupFailureLimit || fromNetwork >= o.LookupNetworkFailureLimit)
        {
            // A refused attempt checks nothing, so it counts nowhere (the counters stay at their limits).
            await GiveBack(cache, [pairKey, codeKey], CommandFlags.None);
            var overPair = await pair > o.LookupFailureLimit;
            var retryAfter = await cache.KeyTimeToLiveAsync(overPair ? pairKey : networkKey) ?? o.LookupFailureWindow;
            throw DossierErrors.ResourceExhausted(
                overPair
                    ? $"Too many failed look-ups of this dossier code from your network; try again in {Math.Ceiling(retryAfter.TotalMinutes)} minutes."
                    : $"Too many failed look-ups from your network; try again in {Math.Ceiling(retryAfter.TotalMinutes)} minutes.",
                new QuotaFailure
                {
                    Violations =
                    {
                        new QuotaFailure.Types.Violation
                        {
                            Subject = overPair ? "dossier_code" : "network",
                            Description = overPair
                                ? $"at most {o.LookupFailureLimit} failed look-ups of one code per network per {o.LookupFailureWindow.TotalMinutes} minutes"
                                : $"at most {o.LookupNetworkFailureLimit} failed look-ups per network per {o.LookupFailureWindow.TotalMinutes} minutes",
                        },
                    },
                },
                new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) });
        }
        // Guessed at from many networks: slower answers for this code, never a lock-out.
        var excess = await onCode - o.LookupFailureLimit;
        if (excess > 0)
        {
            var delay = TimeSpan.FromTicks(Math.Min(o.LookupSlowdownStep.Ticks * excess, o.LookupMaxDelay.Ticks));
            await Task.Delay(delay, cancellationToken);
        }
        return (new Attempt(code, network), value);
    }

    /// <summary>The secret was right: the attempt was no failure.</summary>
    public Task SucceededAsync(Attempt attempt)
    {
        var (pairKey, _, codeKey) = Keys(attempt.Code, attempt.Network);
        // Not waited for: the answer does not depend on it, and the commands go out in order on the same connection
        // before any later attempt's (a lost give-back costs the applicant one attempt of the window, no more).
        _ = GiveBack(redis.GetDatabase(), [pairKey, codeKey], CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    /// <summary>The code was unknown or the secret wrong: one more failure from the caller's network.</summary>
    public async Task FailedAsync(Attempt attempt)
    {
        var (_, networkKey, _) = Keys(attempt.Code, attempt.Network);
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.StringIncrementAsync(networkKey);
        _ = transaction.KeyExpireAsync(networkKey, options.Value.LookupFailureWindow, ExpireWhen.HasNoExpiry);
        await transaction.ExecuteAsync();
    }

    private Task GiveBack(IDatabase cache, RedisKey[] keys, CommandFlags flags)
    {
        // Should a window end in between, the key comes back at -1 for one window: one extra attempt, no more.
        var batch = cache.CreateBatch();
        var sent = new List<Task>(keys.Length * 2);
        foreach (var key in keys)
        {
            sent.Add(batch.StringDecrementAsync(key, flags: flags));
            sent.Add(batch.KeyExpireAsync(key, options.Value.LookupFailureWindow, ExpireWhen.HasNoExpiry, flags));
        }
        batch.Execute();
        return Task.WhenAll(sent);
    }

    private (RedisKey Pair, RedisKey Network, RedisKey Code) Keys(string code, string network) => (
        $"{ns.Prefix}lookup-failures:{code}|{network}",
        $"{ns.Prefix}lookup-failures-network:{network}",
        $"{ns.Prefix}lookup-failures:{code}");

    /// <summary>The caller's network, or "unknown" when the call carries no address.</summary>
    public static string NetworkOf(ServerCallContext context) =>
        Cchc.ServiceDefaults.Security.ClientNetwork.ClientAddress(context.GetHttpContext()) is { } address
            ? Cchc.ServiceDefaults.Security.ClientNetwork.Of(address)
            : "unknown";
}
