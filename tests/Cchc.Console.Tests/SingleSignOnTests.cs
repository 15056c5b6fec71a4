using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Console.Tests;

/// <summary>
/// Signing in with the province's single sign-on: the console, configured with an OpenID Connect authority, runs
/// the code flow with PKCE against a minimal provider started in the test (metadata, keys, authorization and
/// token endpoints), and the official it signs in is the one the provider's access token names — role included;
/// the session's access token is refreshed with the provider's refresh token as it ends.
/// </summary>
public sealed class SingleSignOnTests
{
    private const string ClientId = "cchc-console";
    private const string ClientSecret = "bi-mat-thu-nghiem";

    private static WebApplicationFactory<Program> ConsoleWith(FakeSingleSignOn sso) => new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
        .UseEnvironment("Development")
        .UseSetting("Authentication:OpenIdConnect:Authority", sso.Authority)
        .UseSetting("Authentication:OpenIdConnect:ClientId", ClientId)
        .UseSetting("Authentication:OpenIdConnect:ClientSecret", ClientSecret));

    // The correlation and nonce cookies are Secure: the console is asked over https, as in production.
    private static HttpClient BrowserOn(WebApplicationFactory<Program> console) =>
        console.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>The SSO button, the provider's sign-in and its form post back: the code flow as a browser runs it.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, FakeSingleSignOn sso, string returnUrl)
    {
        var challenge = await browser.GetAsync($"/dang-nhap/sso?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(sso.Authority + "/authorize", authorize.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());

        // The provider signs the official in and posts the code back to the console (response_mode=form_post).
        using var provider = new HttpClient();
        var form = await provider.GetStringAsync(authorize);
        var action = Regex.Match(form, "action=\"([^\"]+)\"").Groups[1].Value;
        var fields = Regex.Matches(form, "name=\"([^\"]+)\" value=\"([^\"]*)\"").ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return await browser.PostAsync(new Uri(action).PathAndQuery, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task An_official_signs_in_through_the_single_sign_on_with_code_and_PKCE_and_acts_with_its_access_token_s_role()
    {
        await using var sso = await FakeSingleSignOn.StartAsync();
        await using var console = ConsoleWith(sso);
        using var browser = BrowserOn(console);

        // Not signed in: the processing list sends the official to the sign-in page.
        var before = await browser.GetAsync("/xu-ly");
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/dang-nhap", before.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var callback = await SignInAsync(browser, sso, "/xu-ly");
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/xu-ly", callback.Headers.Location!.OriginalString);
        // The console redeemed the code with the verifier matching the challenge (the provider checks it).
        Assert.Equal(1, sso.CodesRedeemed);

        // Signed in as the access token's official: a processing officer opens the processing list, not the desk's page.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/xu-ly")).StatusCode);
        var desk = await browser.GetAsync("/mot-cua");
        Assert.Equal(HttpStatusCode.Redirect, desk.StatusCode);
        Assert.StartsWith("/khong-co-quyen", desk.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(0, sso.Refreshes);
    }

    [Fact]
    public async Task The_access_token_is_refreshed_as_it_ends_with_the_rotated_refresh_token_and_a_refused_refresh_signs_the_official_out()
    {
        await using var sso = await FakeSingleSignOn.StartAsync();
        await using var console = ConsoleWith(sso);
        using var browser = BrowserOn(console);
        // Access tokens ending within the console's five minutes: the next request refreshes.
        sso.AccessTokenLifetime = TimeSpan.FromMinutes(2);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, sso, "/xu-ly")).StatusCode);

        var first = await browser.GetAsync("/xu-ly");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, sso.Refreshes);
        // The renewed session cookie carries the new tokens.
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cchc.console", StringComparison.Ordinal));

        // The provider rotates refresh tokens (the one used is spent): the console presents the newest.
        sso.AccessTokenLifetime = TimeSpan.FromHours(1);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/xu-ly")).StatusCode);
        Assert.Equal(2, sso.Refreshes);
        // A fresh hour-long token: nothing to refresh.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/xu-ly")).StatusCode);
        Assert.Equal(2, sso.Refreshes);

        // Another session, whose refresh the provider refuses (revoked): the official is sent to sign in again.
        using var other = BrowserOn(console);
        sso.AccessTokenLifetime = TimeSpan.FromMinutes(2);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(other, sso, "/xu-ly")).StatusCode);
        sso.RefusesRefresh = true;
        var refused = await other.GetAsync("/xu-ly");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/dang-nhap", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(3, sso.Refreshes);
    }

    /// <summary>A minimal OpenID Connect provider: one official, authorization code flow with PKCE, RS256 tokens.</summary>
    private sealed class FakeSingleSignOn : IAsyncDisposable
    {
        private sealed record Grant(string Challenge, string Nonce, string RedirectUri);

        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, Grant> _codes = new();
        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "sso-test" };
        private readonly ConcurrentDictionary<string, bool> _refreshTokens = new();
        private int _redeemed, _refreshes;

        public string Authority { get; }
        public int CodesRedeemed => _redeemed;
        /// <summary>refresh_token grants asked for, granted or not.</summary>
        public int Refreshes => _refreshes;
        public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
        public bool RefusesRefresh { get; set; }

        private FakeSingleSignOn(int port)
        {
            Authority = $"http://127.0.0.1:{port}/realms/quangtri";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            _app = builder.Build();
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
            _app.MapGet("/realms/quangtri/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Authority,
                ["authorization_endpoint"] = $"{Authority}/authorize",
                ["token_endpoint"] = $"{Authority}/token",
                ["jwks_uri"] = $"{Authority}/certs",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            }));
            _app.MapGet("/realms/quangtri/certs", () => Results.Json(new Dictionary<string, object>
            {
                ["keys"] = new[] { new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E } },
            }));
            _app.MapGet("/realms/quangtri/authorize", (HttpRequest request) =>
            {
                var q = request.Query;
                if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256")
                {
                    return Results.BadRequest();
                }
                var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
                _codes[code] = new Grant(q["code_challenge"]!, q["nonce"]!, q["redirect_uri"]!);
                var html = $"""
                    <html><body onload="document.forms[0].submit()"><form method="post" action="{WebUtility.HtmlEncode(q["redirect_uri"])}">
                    <input type="hidden" name="code" value="{code}" /><input type="hidden" name="state" value="{WebUtility.HtmlEncode(q["state"])}" />
                    </form></body></html>
                    """;
                return Results.Content(html, "text/html");
            });
            _app.MapPost("/realms/quangtri/token", async (HttpRequest request) =>
            {
                var f = await request.ReadFormAsync();
                if (f["grant_type"] == "refresh_token")
                {
                    Interlocked.Increment(ref _refreshes);
                    // Each refresh token is good once (rotation); a refused refresh is what a revoked session gets.
                    if (RefusesRefresh || f["client_id"] != ClientId || f["client_secret"] != ClientSecret || !_refreshTokens.TryRemove(f["refresh_token"].ToString(), out _))
                    {
                        return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
                    }
                    return Results.Json(Tokens(nonce: null));
                }
                if (f["grant_type"] != "authorization_code" || f["client_id"] != ClientId || f["client_secret"] != ClientSecret
                    || !_codes.TryRemove(f["code"].ToString(), out var grant) || f["redirect_uri"] != grant.RedirectUri
                    || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(f["code_verifier"].ToString()))) != grant.Challenge)
                {
                    return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
                }
                Interlocked.Increment(ref _redeemed);
                return Results.Json(Tokens(grant.Nonce));
            });
        }

        /// <summary>The token response: the official's access token, a new refresh token, and with a code an id_token for its nonce.</summary>
        private Dictionary<string, object> Tokens(string? nonce)
        {
            var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            _refreshTokens[refreshToken] = true;
            var tokens = new Dictionary<string, object>
            {
                ["access_token"] = Token("cchc", AccessTokenLifetime,
                    new("sub", "sso-nguyen-van-minh"), new("name", "Nguyễn Văn Minh"), new("role", "processing_officer"),
                    new("unit", "QT.SKHCN.QLCN"), new("agency", "QT.SKHCN")),
                ["refresh_token"] = refreshToken,
                ["token_type"] = "Bearer",
                ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
            };
            if (nonce is not null)
            {
                tokens["id_token"] = Token(ClientId, TimeSpan.FromHours(1), new("sub", "sso-nguyen-van-minh"), new("nonce", nonce));
            }
            return tokens;
        }

        private string Token(string audience, TimeSpan lifetime, params Claim[] claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });

        public static async Task<FakeSingleSignOn> StartAsync()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var sso = new FakeSingleSignOn(port);
            await sso._app.StartAsync();
            return sso;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
