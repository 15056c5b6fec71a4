using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Cchc.ServiceDefaults.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace Cchc.Gateway.Routing;

/// <summary>Requests per minute by kind of caller; an API key's own limit overrides <see cref="IntegratorPerMinute"/>.</summary>
public sealed class RateLimitOptions
{
    public int OfficialPerMinute { get; set; } = 1200;
    public int AnonymousPerMinute { get; set; } = 300;
    public int IntegratorPerMinute { get; set; } = 600;
}

/// <summary>
/// One token bucket per caller: per API key (at the key's own limit), per official (by subject),
/// per client address for anonymous calls. A flood from one caller empties only its own bucket.
/// Health probes are never limited.
/// </summary>
public static class CallerRateLimits
{
    public static void AddCallerRateLimits(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath)
                    || context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath))
                {
                    return RateLimitPartition.GetNoLimiter("health");
                }
                var (partition, perMinute) = Partition(context.User, context, options);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => Bucket(perMinute));
            });
            limiter.OnRejected = async (rejection, cancellationToken) =>
            {
                var context = rejection.HttpContext;
                var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                const string message = "Too many requests from this caller; retry after the Retry-After delay.";
                if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
                {
                    // gRPC callers get RESOURCE_EXHAUSTED as a trailers-only response, not an HTTP error.
                    context.Response.StatusCode = StatusCodes.Status200OK;
                    context.Response.ContentType = context.Request.ContentType;
                    context.Response.Headers["grpc-status"] = "8";
                    context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
                    return;
                }
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.ContentType = "application/problem+json";
                await context.Response.WriteAsJsonAsync(new
                {
                    type = "https://grpc.github.io/grpc/core/md_doc_statuscodes.html#RESOURCE_EXHAUSTED",
                    title = "RESOURCE_EXHAUSTED",
                    status = 429,
                    detail = message,
                    instance = context.Request.Path.Value,
                    code = 8,
                }, cancellationToken);
            };
        });
    }

    private static (string Partition, int PerMinute) Partition(ClaimsPrincipal user, HttpContext context, RateLimitOptions options)
    {
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is { } keyId)
            {
                var perMinute = int.TryParse(user.FindFirst(ApiKeyAuthenticationHandler.RateLimitClaim)?.Value, CultureInfo.InvariantCulture, out var own)
                    ? own : options.IntegratorPerMinute;
                return ($"key:{keyId}", perMinute);
            }
            return ($"official:{user.FindFirst(CchcClaims.Subject)?.Value}", options.OfficialPerMinute);
        }
        // An IPv6 host commonly holds a whole /64: one bucket per /64, not per address it can rotate through.
        return (context.Connection.RemoteIpAddress is { } address ? $"address:{ClientNetwork.Of(address, ipv4PrefixBits: 32)}" : "address:unknown",
            options.AnonymousPerMinute);
    }

    // A minute's allowance may be spent at once; it then refills evenly over the minute — a token
    // every 60/limit seconds for small limits, a second's share every second for large ones.
    private static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        var limit = Math.Max(1, perMinute);
        return limit <= 60
            ? new() { TokenLimit = limit, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / limit), QueueLimit = 0, AutoReplenishment = true }
            : new() { TokenLimit = limit, TokensPerPeriod = (int)Math.Ceiling(limit / 60.0), ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true };
    }
}
