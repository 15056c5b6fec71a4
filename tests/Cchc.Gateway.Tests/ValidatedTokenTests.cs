using System.Net.Http.Headers;
using System.Security.Cryptography;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Gateway.Tests;

/// <summary>
/// The gateway validates an official's token once and admits it from its cache after that
/// (<c>ServiceDefaults/Security/ValidatedTokens.cs</c>); a token any check refused is never kept.
/// </summary>
public sealed class ValidatedTokenTests(RoomyGatewayFixture fixture) : IClassFixture<RoomyGatewayFixture>
{
    private async Task CallWith(string token)
    {
        using var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cchc.dossiers.v1.ProcedureCatalog/GetProcedure")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
            Version = new Version(2, 0),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var _ = await client.SendAsync(request);
    }

    private ValidatedTokens Cache => fixture.Factory.Services.GetRequiredService<ValidatedTokens>();

    [Fact]
    public async Task An_officials_valid_token_is_kept_for_its_scheme_after_the_first_call()
    {
        var token = TestIdentity.Issuer.Issue("test-cache-official", "Cán bộ thử", [Roles.DeskOfficer], "QT.SKHCN.MC", "QT.SKHCN", TimeSpan.FromHours(1));
        Assert.Null(Cache.SchemeOf(token));

        await CallWith(token);
        await CallWith(token);

        Assert.Equal("Bearer", Cache.SchemeOf(token));
    }

    [Fact]
    public async Task A_token_claiming_the_service_role_or_signed_by_a_stranger_is_never_kept()
    {
        var claimsService = TestIdentity.Issuer.Issue("test-cache-forger", "Kẻ giả mạo", [Roles.Service], null, null, TimeSpan.FromHours(1));
        var stranger = new TokenIssuer(TestIdentity.Issuer.Issuer, TokenIssuer.DefaultAudience, RandomNumberGenerator.GetBytes(32))
            .Issue("test-cache-stranger", "Người lạ", [Roles.Administrator], null, null, TimeSpan.FromHours(1));

        await CallWith(claimsService);
        await CallWith(stranger);
        await CallWith(claimsService);

        Assert.Null(Cache.SchemeOf(claimsService));
        Assert.Null(Cache.SchemeOf(stranger));
    }
}
