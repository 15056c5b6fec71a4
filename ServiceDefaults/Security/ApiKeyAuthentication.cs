using System.Security.Claims;
using System.Text.Encodings.Web;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cchc.ServiceDefaults.Security;

/// <summary>Authenticates an <c>x-api-key</c> against the key directory; the caller becomes an integrator with the key's scopes.</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "api_key_id";
    public const string RateLimitClaim = "rate_limit_per_minute";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ApiKeyFormat.Header].ToString();
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }
        if (!ApiKeyFormat.TryParse(presented, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }
        var redis = Context.RequestServices.GetService<IConnectionMultiplexer>();
        if (redis is null)
        {
            return AuthenticateResult.Fail("API keys cannot be checked: no cache is configured.");
        }
        ApiKeyRecord? record;
        try
        {
            record = await new ApiKeyDirectory(redis, Context.RequestServices.GetRequiredService<ApiKeySeal>()).FindAsync(keyId);
        }
        catch (RedisException ex)
        {
            Logger.LogWarning(ex, "The API key directory is unreachable");
            return AuthenticateResult.Fail("API keys cannot be checked right now.");
        }
        if (record is null || !ApiKeyFormat.Matches(secret, record.SecretHash) || !record.IsActive(TimeProvider.System.GetUtcNow()))
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired API key.");
        }
        var claims = new List<Claim>
        {
            new(CchcClaims.Subject, $"apikey:{record.KeyId}"),
            new(CchcClaims.Name, record.Name),
            new(CchcClaims.Role, Roles.Integrator),
            new(KeyIdClaim, record.KeyId),
            new(RateLimitClaim, record.RateLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(record.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var identity = new ClaimsIdentity(claims, SchemeName, CchcClaims.Subject, CchcClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class ApiKeyScopeEnforcement
{
    /// <summary>
    /// After the role check: an integrator may only make the calls its API key's scopes admit,
    /// whatever the RPC's roles say. A bearer token that claims the integrator role carries no
    /// scopes, so it admits nothing.
    /// </summary>
    public static IApplicationBuilder UseApiKeyScopes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.IsInRole(Roles.Integrator)
            && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
            && !ApiKeyScopes.Admits(context.User.FindAll(ApiKeyAuthenticationHandler.ScopeClaim).Select(c => c.Value), grpc.Method.FullName))
        {
            if (Grpc.GrpcRefusal.IsGrpc(context.Request))
            {
                Grpc.GrpcRefusal.Write(context, Google.Rpc.Code.PermissionDenied, "This API key's scopes do not include this call.");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
            return;
        }
        await next(context);
    });
}
