using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Cchc.Console.Identity;

/// <summary>
/// Officials sign in with the province's single sign-on (OpenID Connect, when
/// <c>Authentication:OpenIdConnect:Authority</c> is set) or, in Development, by picking a demo official.
/// Either way the session cookie carries the official's access token, and only that token is used
/// to call the services: the console has no identity of its own to act with.
/// </summary>
public static class SignInExtensions
{
    public const string SignInPath = "/dang-nhap";
    public const string DevelopmentScheme = "development";

    public static void AddOfficialSignIn(this IHostApplicationBuilder builder)
    {
        var sso = builder.Configuration.GetSection("Authentication:OpenIdConnect");
        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = SignInPath;
                o.LogoutPath = "/dang-xuat";
                o.AccessDeniedPath = "/khong-co-quyen";
                o.Cookie.Name = "cchc.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = TokenRefresh.ValidateAsync;
            });
        if (!string.IsNullOrWhiteSpace(sso["Authority"]))
        {
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = sso["Authority"];
                o.ClientId = sso["ClientId"];
                o.ClientSecret = sso["ClientSecret"];
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = false;
                o.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                o.Scope.Clear();
                foreach (var scope in (sso["Scope"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.Scope.Add(scope);
                }
                o.Events.OnTokenValidated = context =>
                {
                    // The services read role, unit and agency from the access token, so the console does too.
                    var accessToken = context.TokenEndpointResponse?.AccessToken;
                    if (string.IsNullOrEmpty(accessToken))
                    {
                        context.Fail("The single sign-on gave no access token.");
                        return Task.CompletedTask;
                    }
                    context.Principal = Official.FromAccessToken(accessToken, OpenIdConnectDefaults.AuthenticationScheme);
                    // With a refresh token (scope offline_access, or the provider's default) the session outlives the
                    // access token, which TokenRefresh replaces as it ends; without one it ends with the access token.
                    if (context.TokenEndpointResponse?.RefreshToken is { Length: > 0 } refreshToken)
                    {
                        context.Properties!.StoreTokens([new AuthenticationToken { Name = TokenRefresh.RefreshTokenName, Value = refreshToken }]);
                        context.Properties!.ExpiresUtc = DateTimeOffset.UtcNow.Add(TokenRefresh.Session);
                    }
                    else
                    {
                        context.Properties!.ExpiresUtc = Official.Expires(accessToken);
                    }
                    return Task.CompletedTask;
                };
            });
        }
        builder.Services.AddAuthorization();
        builder.Services.AddScoped<OfficialToken>();
        builder.Services.AddSingleton<DemoOfficials>();
    }

    public static bool SingleSignOnConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Authentication:OpenIdConnect:Authority"]);

    public static void MapSignInEndpoints(this WebApplication app)
    {
        app.MapGet("/dang-nhap/sso", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        app.MapPost("/dang-nhap/thu-nghiem", async (HttpContext http, DemoOfficials demo, [FromForm] string role, [FromForm] string? returnUrl) =>
            {
                if (!demo.Enabled || demo.Find(role) is not { } official)
                {
                    return Results.NotFound();
                }
                var principal = Official.FromAccessToken(official.Token, DevelopmentScheme);
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
                    new AuthenticationProperties { ExpiresUtc = Official.Expires(official.Token), IsPersistent = false });
                return Results.LocalRedirect(LocalOnly(returnUrl));
            })
            .AllowAnonymous();

        app.MapPost("/dang-xuat", async (HttpContext http) =>
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect(SignInPath);
            });
    }

    private static string LocalOnly(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";

    public static bool IsInAnyRole(this ClaimsPrincipal user, params string[] roles) => roles.Any(user.IsInRole);
}
