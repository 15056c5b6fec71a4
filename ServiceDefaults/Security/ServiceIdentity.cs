using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.ServiceDefaults.Security;

/// <summary>
/// How one Cchc service proves who it is to another. Each service has its own P-256 key pair
/// (<c>ServiceIdentity:Name</c>, <c>ServiceIdentity:PrivateKey</c>, PKCS#8 in base64) and signs, for
/// each service it calls, a token of a few minutes whose audience is that service alone. A callee
/// trusts the public keys it is given (<c>ServiceIdentity:Trust:&lt;name&gt;</c>, SubjectPublicKeyInfo in
/// base64): a service can speak only as itself, a token taken from one callee opens no other, and
/// none outlives <see cref="MaxLifetime"/>. The officials' token issuer (the province's single sign-on,
/// or the development issuer) can never mint a service identity: the service role is refused there.
/// </summary>
public static class ServiceIdentity
{
    /// <summary>The <c>iss</c> of every service token; the key that signed it (<c>kid</c>) says which service.</summary>
    public const string Issuer = "cchc-service";
    public const string SubjectPrefix = "service:";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    /// <summary>A token valid for longer than this is refused, whoever signed it.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Presents a token for <paramref name="callee"/> on every call of this client.</summary>
    public static IHttpClientBuilder AddServiceCredentials(this IHttpClientBuilder builder, string callee)
    {
        builder.Services.TryAddSingleton<ServiceTokenSource>();
        return builder.AddHttpMessageHandler(sp => new CredentialsHandler(sp.GetRequiredService<ServiceTokenSource>(), callee));
    }

    /// <summary>The service name a host answers to as an audience: <c>ServiceIdentity:Name</c>, else its application name (<c>Cchc.Dossiers</c> → <c>dossiers</c>).</summary>
    public static string OwnName(IConfiguration configuration, string applicationName) =>
        configuration["ServiceIdentity:Name"] is { Length: > 0 } name ? name : applicationName.Split('.')[^1].ToLowerInvariant();

    /// <summary>The subject a token of service <paramref name="name"/> carries.</summary>
    public static string Subject(string name) => SubjectPrefix + name;

    /// <summary>A new key pair: the private key for the service itself, the public key for those that trust it.</summary>
    public static (string PrivateKey, string PublicKey) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (Convert.ToBase64String(key.ExportPkcs8PrivateKey()), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Signs a token of service <paramref name="name"/> for <paramref name="audiences"/>.</summary>
    public static string Sign(string name, string privateKey, IEnumerable<string> audiences, TimeSpan lifetime)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(privateKey), out _);
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Subject = new ClaimsIdentity([new Claim(CchcClaims.Subject, Subject(name)), new Claim(CchcClaims.Name, name), new Claim(CchcClaims.Role, Roles.Service)]),
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.Add(lifetime),
            TokenType = "JWT",
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = name }, SecurityAlgorithms.EcdsaSha256),
        };
        var list = audiences.ToList();
        if (list.Count == 1)
        {
            descriptor.Audience = list[0];
        }
        else
        {
            descriptor.Claims = new Dictionary<string, object> { ["aud"] = list };
        }
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>The public keys of the services this host trusts, each under the service's name as its key id.</summary>
    public static IReadOnlyList<SecurityKey> TrustedKeys(IConfiguration configuration) =>
        [.. configuration.GetSection("ServiceIdentity:Trust").GetChildren()
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .Select(entry =>
            {
                var key = ECDsa.Create();
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(entry.Value!), out _);
                return (SecurityKey)new ECDsaSecurityKey(key) { KeyId = entry.Key };
            })];

    /// <summary>True when a bearer token says it is a service token (unvalidated: it only chooses who validates it).</summary>
    public static bool LooksLikeServiceToken(string token)
    {
        try
        {
            return new JsonWebToken(token).Issuer == Issuer;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Mints and caches this service's tokens, one per callee, renewed well before they expire.</summary>
    public sealed class ServiceTokenSource(IConfiguration configuration)
    {
        private readonly ConcurrentDictionary<string, (string Token, DateTime RenewAfter)> _tokens = new();

        public bool Configured => configuration["ServiceIdentity:PrivateKey"] is { Length: > 0 } && configuration["ServiceIdentity:Name"] is { Length: > 0 };

        public string? TokenFor(string callee)
        {
            if (!Configured)
            {
                return null;
            }
            var now = DateTime.UtcNow;
            if (_tokens.TryGetValue(callee, out var cached) && cached.RenewAfter > now)
            {
                return cached.Token;
            }
            var token = Sign(configuration["ServiceIdentity:Name"]!, configuration["ServiceIdentity:PrivateKey"]!, [callee], Lifetime);
            _tokens[callee] = (token, now.Add(Lifetime / 2));
            return token;
        }
    }

    private sealed class CredentialsHandler(ServiceTokenSource tokens, string callee) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (tokens.TokenFor(callee) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
