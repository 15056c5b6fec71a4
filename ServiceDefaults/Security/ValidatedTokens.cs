using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Cchc.ServiceDefaults.Security;

/// <summary>
/// Bearer tokens this host has already validated, so a caller who sends the same token on every call
/// (every official's console, every service) pays for its parse, signature and claims once a minute
/// instead of on every call. That was most of the gateway's own CPU per proxied call.
/// </summary>
/// <remarks>
/// Only a token that passed every check of its scheme, the scheme's own events included, is kept, and
/// only for that scheme. An entry lives until the token's own expiry or <see cref="MaxAge"/>, whichever
/// comes first: a token is never admitted after the time its validation would have refused it for
/// lifetime, and a signing key withdrawn from the configuration or the single sign-on's key set stops
/// admitting its tokens within <see cref="MaxAge"/>. Bearer tokens carry no revocation here (an API
/// key's does, and API keys are not cached). Refused tokens are not kept, so a caller sending made-up
/// tokens costs a validation each, as before, and cannot fill the cache: it holds at most
/// <see cref="Capacity"/> tokens, and a full cache first drops the expired ones, then stops adding.
/// </remarks>
public sealed class ValidatedTokens(TimeProvider time)
{
    public const int Capacity = 4096;
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(string Scheme, ClaimsPrincipal Principal, DateTimeOffset Until, DateTimeOffset? IssuedUtc, DateTimeOffset ExpiresUtc);

    public int Count => _entries.Count;

    /// <summary>The scheme that validated <paramref name="token"/> within its lifetime, if any.</summary>
    public string? SchemeOf(string token) => Find(token)?.Scheme;

    /// <summary>Keeps a token its scheme has just validated (nothing if its lifetime is already over, or the cache is full).</summary>
    public void Remember(string scheme, string token, ClaimsPrincipal principal, DateTime validFromUtc, DateTime validToUtc)
    {
        var now = time.GetUtcNow();
        var expires = new DateTimeOffset(DateTime.SpecifyKind(validToUtc, DateTimeKind.Utc));
        var until = expires < now + MaxAge ? expires : now + MaxAge;
        if (until <= now)
        {
            return;
        }
        if (_entries.Count >= Capacity)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.Until <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }
            if (_entries.Count >= Capacity)
            {
                return;
            }
        }
        // As the JwtBearer handler sets them: no issue time for a token without one.
        DateTimeOffset? issued = validFromUtc == DateTime.MinValue ? null : new DateTimeOffset(DateTime.SpecifyKind(validFromUtc, DateTimeKind.Utc));
        _entries[token] = new Entry(scheme, principal, until, issued, expires);
    }

    /// <summary>
    /// Admits the request's bearer token from the cache when <paramref name="context"/>'s scheme validated it
    /// within its lifetime; otherwise leaves the context to the scheme's full validation.
    /// </summary>
    public void TryAdmit(MessageReceivedContext context)
    {
        if (BearerToken(context.Request) is not { } token || Find(token) is not { } entry || entry.Scheme != context.Scheme.Name)
        {
            return;
        }
        // A principal of its own per request, over the validated identities (nothing downstream changes them).
        context.Principal = new ClaimsPrincipal(entry.Principal.Identities);
        context.Properties.IssuedUtc = entry.IssuedUtc;
        context.Properties.ExpiresUtc = entry.ExpiresUtc;
        context.Success();
    }

    /// <summary>Keeps the token of a validation that succeeded; call it last in the scheme's <c>OnTokenValidated</c>.</summary>
    public void RememberValidated(TokenValidatedContext context)
    {
        if (context.Result is null && context.Principal is { } principal && context.SecurityToken is JsonWebToken token)
        {
            Remember(context.Scheme.Name, token.EncodedToken, principal, token.ValidFrom, token.ValidTo);
        }
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header, as the JwtBearer handler reads it.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = authorization["Bearer ".Length..].Trim();
        return token.Length > 0 ? token : null;
    }

    private Entry? Find(string token)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }
        if (entry.Until > time.GetUtcNow())
        {
            return entry;
        }
        _entries.TryRemove(KeyValuePair.Create(token, entry));
        return null;
    }

    internal static ValidatedTokens Of(HttpContext context) => context.RequestServices.GetRequiredService<ValidatedTokens>();
}
