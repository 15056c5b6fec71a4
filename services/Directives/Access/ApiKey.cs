using Cchc.ServiceDefaults.Security;

namespace Cchc.Directives.Access;

/// <summary>An integrator's API key. The secret itself is never stored, only its SHA-256.</summary>
public sealed class ApiKey
{
    public required string KeyId { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public List<string> Scopes { get; init; } = [];
    public int RateLimitPerMinute { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = ServiceClock.System.UtcNow();
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }

    public ApiKeyRecord ToRecord() => RevokedAt is null
        ? new ApiKeyRecord(KeyId, Name, SecretHash, Scopes, RateLimitPerMinute, ExpiresAt)
        : ApiKeyRecord.Tombstone(KeyId);
}
