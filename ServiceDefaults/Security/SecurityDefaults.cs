using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cchc.ServiceDefaults.Security;

public static class SecurityDefaults
{
    public const string CallerScheme = "Caller";

    /// <summary>
    /// Bearer tokens whose issuer, audiences and signing keys come from configuration
    /// (<c>Authentication:Schemes:Bearer</c>), and deny-by-default: an RPC answers only callers its
    /// <c>[Authorize]</c> or <c>[AllowAnonymous]</c> declaration admits. Enforced in every service,
    /// so a call that bypasses the gateway is refused too.
    /// </summary>
    public static TBuilder AddCchcSecurity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddAuthentication(CallerScheme)
            // One scheme for callers: an API key when one is presented, a bearer token otherwise.
            .AddPolicyScheme(CallerScheme, "API key or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyFormat.Header) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(options =>
            {
                // Keep the token's own claim names ("role", "unit", "sub").
                options.MapInboundClaims = false;
                options.TokenValidationParameters.RoleClaimType = CchcClaims.Role;
                options.TokenValidationParameters.NameClaimType = CchcClaims.Subject;
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
