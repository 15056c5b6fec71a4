using Cchc.Directives.Data;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Cchc.Directives.Access;

[Authorize(Roles = Roles.Administrator)]
public sealed class ApiKeyGrpcService(DirectivesDbContext db, IConnectionMultiplexer redis, ApiKeySeal seal, ILogger<ApiKeyGrpcService> logger)
    : ApiKeyService.ApiKeyServiceBase
{
    private const string ResourceType = "cchc.directives.v1.ApiKey";
    private const int DefaultRateLimit = 600;

    public override async Task<CreateApiKeyResponse> CreateApiKey(CreateApiKeyRequest request, ServerCallContext context)
    {
        var validation = new Validation()
            .RequireText(request.Name, "name", 200)
            .Require(request.Scopes.Count > 0, "scopes", "at least one scope is required, e.g. dossiers:read")
            .Require(request.RateLimitPerMinute is >= 0 and <= 100_000, "rate_limit_per_minute", "must be between 1 and 100000 (0 means 600)")
            .Require(request.ExpireTime is null || request.ExpireTime.ToDateTimeOffset() > DateTimeOffset.UtcNow, "expire_time", "must be in the future");
        foreach (var (scope, i) in request.Scopes.Select((s, i) => (s, i)))
        {
            validation.Require(ApiKeyScopes.IsWellFormed(scope), $"scopes[{i}]",
                "must be '<service>:read', '<service>:write' (service: directives, dossiers, indexes, notifications) or a full method name");
        }
        validation.ThrowIfInvalid();

        var (keyId, plainText, hash) = ApiKeyFormat.Generate();
        var key = new ApiKey
        {
            KeyId = keyId,
            Name = request.Name.Trim(),
            SecretHash = hash,
            Scopes = request.Scopes.Distinct().ToList(),
            RateLimitPerMinute = request.RateLimitPerMinute == 0 ? DefaultRateLimit : request.RateLimitPerMinute,
            ExpiresAt = request.ExpireTime?.ToDateTimeOffset(),
            CreatedBy = context.GetCaller().Subject,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(context.CancellationToken);
        await new ApiKeyDirectory(redis, seal).PublishAsync(key.ToRecord());
        logger.LogInformation("API key {KeyId} ({Name}) created by {Subject} with scopes {Scopes}", key.KeyId, key.Name, key.CreatedBy, key.Scopes);
        return new CreateApiKeyResponse { ApiKey = ToContract(key), PlainKey = plainText };
    }

    public override async Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context)
    {
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => request.IncludeRevoked || k.RevokedAt == null)
            .OrderBy(k => k.CreatedAt)
            .ToListAsync(context.CancellationToken);
        var response = new ListApiKeysResponse();
        response.ApiKeys.AddRange(keys.Select(ToContract));
        return response;
    }

    public override async Task<RevokeApiKeyResponse> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.KeyId, "key_id", 64).Require(request.Reason.Length <= 500, "reason", "must be at most 500 characters").ThrowIfInvalid();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyId == request.KeyId, context.CancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, request.KeyId);
        if (key.RevokedAt is null)
        {
            key.RevokedAt = ServiceClock.System.UtcNow();
            key.RevokedBy = context.GetCaller().Subject;
            key.RevokeReason = request.Reason;
            await db.SaveChangesAsync(context.CancellationToken);
            logger.LogInformation("API key {KeyId} revoked by {Subject}", key.KeyId, key.RevokedBy);
        }
        // Revoking again re-writes the tombstone, so a revocation whose cache write failed can be completed.
        try
        {
            await new ApiKeyDirectory(redis, seal).RevokeAsync(key.KeyId);
        }
        catch (RedisException ex)
        {
            logger.LogError(ex, "API key {KeyId} is revoked in the registry but the cache could not be told", key.KeyId);
            throw new RpcException(new Status(StatusCode.Unavailable,
                "The key is revoked in the registry, but the revocation has not reached every service yet; call RevokeApiKey again."));
        }
        return new RevokeApiKeyResponse { ApiKey = ToContract(key) };
    }

    private static V1.ApiKey ToContract(ApiKey key)
    {
        var result = new V1.ApiKey
        {
            KeyId = key.KeyId,
            Name = key.Name,
            RateLimitPerMinute = key.RateLimitPerMinute,
            CreateTime = Timestamp.FromDateTimeOffset(key.CreatedAt),
            CreatedBy = key.CreatedBy,
            RevokedBy = key.RevokedBy ?? "",
        };
        result.Scopes.AddRange(key.Scopes);
        if (key.ExpiresAt is { } expires)
        {
            result.ExpireTime = Timestamp.FromDateTimeOffset(expires);
        }
        if (key.RevokedAt is { } revoked)
        {
            result.RevokeTime = Timestamp.FromDateTimeOffset(revoked);
        }
        return result;
    }
}
