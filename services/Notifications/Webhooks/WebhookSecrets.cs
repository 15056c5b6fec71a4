using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Cchc.Notifications.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: sealed with AES-256-GCM under <c>Webhooks:SecretEncryptionKey</c>
/// (base64, 32 bytes, from the secret store), bound to their subscription's id, so a copy of the
/// database alone signs nothing. Without the key secrets are stored as before (a warning says so at
/// start); a sealed secret without the key fails its deliveries rather than sending unsigned.
/// </summary>
public sealed class WebhookSecrets
{
    public const string SealedPrefix = "enc1:";
    private readonly byte[]? _key;

    public WebhookSecrets(IOptions<WebhookOptions> options, ILogger<WebhookSecrets> logger)
    {
        if (options.Value.SecretEncryptionKey is { Length: > 0 } configured)
        {
            _key = Convert.FromBase64String(configured);
            if (_key.Length != 32)
            {
                throw new InvalidOperationException("Webhooks:SecretEncryptionKey must be base64 of 32 bytes.");
            }
        }
        else
        {
            logger.LogWarning("Webhooks:SecretEncryptionKey is not configured; webhook signing secrets are stored unencrypted.");
        }
    }

    /// <summary>What is stored for <paramref name="secret"/> (a <c>whsec_…</c> secret) of subscription <paramref name="subscriptionId"/>.</summary>
    public string Seal(Guid subscriptionId, string secret)
    {
        if (_key is null)
        {
            return secret;
        }
        var plain = Convert.FromBase64String(secret[WebhookSignature.SecretPrefix.Length..]);
        var sealedBytes = new byte[AesGcm.NonceByteSizes.MaxSize + plain.Length + AesGcm.TagByteSizes.MaxSize];
        var nonce = sealedBytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(nonce.Length, plain.Length), sealedBytes.AsSpan(nonce.Length + plain.Length), subscriptionId.ToByteArray());
        return SealedPrefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The <c>whsec_…</c> secret that signs for the subscription.</summary>
    public string Open(WebhookSubscription subscription)
    {
        if (!subscription.Secret.StartsWith(SealedPrefix, StringComparison.Ordinal))
        {
            return subscription.Secret;
        }
        if (_key is null)
        {
            throw new InvalidOperationException($"The secret of webhook {subscription.Id} is encrypted but Webhooks:SecretEncryptionKey is not configured.");
        }
        var sealedBytes = Convert.FromBase64String(subscription.Secret[SealedPrefix.Length..]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[sealedBytes.Length - nonceSize - tagSize];
        using var aes = new AesGcm(_key, tagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize, plain.Length), sealedBytes.AsSpan(nonceSize + plain.Length), plain,
            subscription.Id.ToByteArray());
        return WebhookSignature.SecretPrefix + Convert.ToBase64String(plain);
    }
}
