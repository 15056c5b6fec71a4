using Cchc.Dossiers.Records;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cchc.Dossiers.PublicLookup;

/// <summary>
/// Counts failed look-ups per dossier code in a fixed window, so that guessing a secret for one
/// receipt is slow. Unknown codes count too: otherwise a code that never gets throttled is a code
/// that does not exist.
/// </summary>
public sealed class LookupThrottle(IConnectionMultiplexer redis, CacheNamespace ns, IOptions<DossierOptions> options)
{
    public async Task ThrowIfThrottledAsync(string code)
    {
        var cache = redis.GetDatabase();
        var failures = await cache.StringGetAsync(Key(code));
        if (failures.HasValue && (long)failures >= options.Value.LookupFailureLimit)
        {
            var retryAfter = await cache.KeyTimeToLiveAsync(Key(code)) ?? options.Value.LookupFailureWindow;
            throw DossierErrors.ResourceExhausted(
                $"Too many failed look-ups for this dossier code; try again in {Math.Ceiling(retryAfter.TotalMinutes)} minutes.",
                new QuotaFailure
                {
                    Violations =
                    {
                        new QuotaFailure.Types.Violation
                        {
                            Subject = "dossier_code",
                            Description = $"at most {options.Value.LookupFailureLimit} failed look-ups per {options.Value.LookupFailureWindow.TotalMinutes} minutes",
                        },
                    },
                },
                new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) });
        }
    }

    public async Task RecordFailureAsync(string code)
    {
        // One transaction, so a counter never outlives its window; the window starts at the first
        // failure and later ones do not extend it.
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.StringIncrementAsync(Key(code));
        _ = transaction.KeyExpireAsync(Key(code), options.Value.LookupFailureWindow, ExpireWhen.HasNoExpiry);
        await transaction.ExecuteAsync();
    }

    private RedisKey Key(string code) => $"{ns.Prefix}lookup-failures:{code}";
}
