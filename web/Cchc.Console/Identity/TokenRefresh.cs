using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Cchc.Console.Identity;

/// <summary>
/// Keeps a single sign-on session's access token fresh: when the provider gave a refresh token, every request
/// made with the session cookie (a page, or a circuit connecting) whose access token ends within
/// <see cref="Before"/> redeems it at the provider's token endpoint and carries on with the new token — the
/// official stays signed in for the working day instead of for the access token's few minutes. A refused
/// refresh ends the session (the official signs in again). A circuit keeps the token it connected with; the
/// next page the official opens connects with the fresh one.
/// </summary>
public static class TokenRefresh
{
    public const string RefreshTokenName = "refresh_token";

    /// <summary>How long before its end an access token is replaced.</summary>
    public static readonly TimeSpan Before = TimeSpan.FromMinutes(5);

    /// <summary>How long a session with a refresh token lasts at most (a working day); the provider may end it sooner by refusing a refresh.</summary>
    public static readonly TimeSpan Session = TimeSpan.FromHours(10);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accessToken = context.Principal?.FindFirst(Official.AccessTokenClaim)?.Value;
        var refreshToken = context.Properties.GetTokenValue(RefreshTokenName);
        if (accessToken is null || refreshToken is null)
        {
            return;
        }
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (Official.Expires(accessToken) - time.GetUtcNow() > Before)
        {
            return;
        }
        var refreshed = await RedeemAsync(context.HttpContext, refreshToken);
        if (refreshed is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.ReplacePrincipal(Official.FromAccessToken(refreshed.Value.AccessToken, OpenIdConnectDefaults.AuthenticationScheme));
        context.Properties.UpdateTokenValue(RefreshTokenName, refreshed.Value.RefreshToken ?? refreshToken);
        context.ShouldRenew = true;
    }

    /// <summary>The provider's answer to a refresh_token grant; null when it refuses (revoked, expired session).</summary>
    private static async Task<(string AccessToken, string? RefreshToken)?> RedeemAsync(HttpContext http, string refreshToken)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenRefresh));
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId ?? "",
                ["client_secret"] = options.ClientSecret ?? "",
            }), http.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogInformation("The single sign-on refused to refresh a session's access token ({Status}); the official signs in again.", (int)response.StatusCode);
                return null;
            }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(http.RequestAborted));
            var root = body.RootElement;
            if (!root.TryGetProperty("access_token", out var access) || access.GetString() is not { Length: > 0 } accessToken)
            {
                return null;
            }
            return (accessToken, root.TryGetProperty("refresh_token", out var next) ? next.GetString() : null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException)
        {
            logger.LogWarning(e, "Refreshing a session's access token at the single sign-on failed; the official signs in again.");
            return null;
        }
    }
}
