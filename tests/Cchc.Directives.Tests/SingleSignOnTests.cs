using System.Security.Claims;
using System.Security.Cryptography;
using Cchc.Directives.V1;
using Cchc.Hosting.Local;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Directives.Tests;

/// <summary>
/// Production as it plugs in the province's single sign-on: the service reads the SSO's signing keys
/// from its OpenID Connect metadata (JWKS) and accepts its RS256 tokens, and nothing signed with a shared key.
/// </summary>
public sealed class SingleSignOnTests
{
    [Fact]
    public async Task In_production_tokens_of_the_provinces_single_sign_on_are_accepted_by_its_published_keys_and_shared_key_tokens_are_not()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "sso-2026" };
        var port = Ports.Free();
        var authority = $"http://127.0.0.1:{port}/realms/quangtri";
        await using var sso = StartSso(port, authority, key);
        var service = new ServiceFixture<Program>(Resources.DirectivesDb, "Production", new Dictionary<string, string>
        {
            ["Authentication:Schemes:Bearer:Authority"] = authority,
            ["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false",
            ["Authentication:Schemes:Bearer:ValidIssuer"] = authority,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "cchc",
        });
        try
        {
            await service.InitializeAsync();
            string Token(SecurityKey signingKey, string algorithm) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = authority,
                Audience = "cchc",
                Subject = new ClaimsIdentity([new Claim("sub", "sso-admin"), new Claim("role", Roles.Administrator)]),
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new SigningCredentials(signingKey, algorithm),
            });
            OrganizationService.OrganizationServiceClient As(string token) => new(service.CreateChannel(token));

            var admitted = await As(Token(key, SecurityAlgorithms.RsaSha256)).ListUnitsAsync(new ListUnitsRequest());

            Assert.NotNull(admitted);
            // A token the SSO did not sign, and one signed with a shared key (the development kind): refused.
            using var other = RSA.Create(2048);
            await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => As(Token(new RsaSecurityKey(other) { KeyId = "sso-2026" }, SecurityAlgorithms.RsaSha256))
                .ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
            await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => As(Token(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256))
                .ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
            await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => As(TestIdentity.Administrator).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Outside_Development_a_service_that_trusts_the_development_issuer_refuses_to_start()
    {
        var service = new ServiceFixture<Program>(Resources.DirectivesDb, "Production", new Dictionary<string, string>
        {
            ["Authentication:Schemes:Bearer:ValidIssuer"] = TokenIssuer.DevelopmentIssuer,
        });
        try
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(service.InitializeAsync);
            Assert.Contains(TokenIssuer.DevelopmentIssuer, Flatten(refused));
        }
        finally
        {
            try { await service.DisposeAsync(); } catch (InvalidOperationException) { }
        }

        static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " " + Flatten(ex.InnerException);
    }

    /// <summary>The two documents a single sign-on publishes: its OpenID Connect metadata and its signing keys.</summary>
    private static WebApplication StartSso(int port, string authority, RsaSecurityKey key)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        app.MapGet("/realms/quangtri/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority,
            ["jwks_uri"] = $"{authority}/protocol/openid-connect/certs",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/realms/quangtri/protocol/openid-connect/certs", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[] { new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E } },
        }));
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }
}
