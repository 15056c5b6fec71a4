using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.ServiceDefaults.Security;

public static class SecurityDefaults
{
    public const string CallerScheme = "Caller";
    /// <summary>Tokens one Cchc service signs for another (<see cref="ServiceIdentity"/>).</summary>
    public const string ServiceScheme = "Service";

    /// <summary>What a single sign-on signs access tokens with (RSA, RSA-PSS, ECDSA).</summary>
    public static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>
    /// Bearer tokens whose issuer, audiences and signing keys come from configuration
    /// (<c>Authentication:Schemes:Bearer</c>), service tokens checked against the keys of the services
    /// this one trusts, and deny-by-default: an RPC answers only callers its <c>[Authorize]</c> or
    /// <c>[AllowAnonymous]</c> declaration admits. Enforced in every service, so a call that bypasses
    /// the gateway is refused too.
    /// </summary>
    public static TBuilder AddCchcSecurity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var ownName = ServiceIdentity.OwnName(builder.Configuration, builder.Environment.ApplicationName);
        // The shared-key issuers (the AppHost's in Development, the tests') exist for a developer's machine only:
        // anywhere else officials' tokens come from the province's single sign-on, signed with its private key.
        var sharedKeyAllowed = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        if (!sharedKeyAllowed && builder.Configuration["Authentication:Schemes:Bearer:ValidIssuer"] == TokenIssuer.DevelopmentIssuer)
        {
            throw new InvalidOperationException(
                $"The development token issuer ({TokenIssuer.DevelopmentIssuer}) is trusted in the {builder.Environment.EnvironmentName} environment. " +
                "Configure the province's single sign-on instead (Authentication:Schemes:Bearer:Authority, ValidAudiences).");
        }
        builder.Services.AddAuthentication(CallerScheme)
            // One scheme for callers: an API key when one is presented, a service's token, or an official's bearer token.
            .AddPolicyScheme(CallerScheme, "API key or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyFormat.Header) ? ApiKeyAuthenticationHandler.SchemeName
                    : ValidatedTokens.BearerToken(context.Request) is not { } token ? JwtBearerDefaults.AuthenticationScheme
                    // A token validated a moment ago names its scheme without being parsed again.
                    : ValidatedTokens.Of(context).SchemeOf(token)
                      ?? (ServiceIdentity.LooksLikeServiceToken(token) ? ServiceScheme : JwtBearerDefaults.AuthenticationScheme))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(options =>
            {
                // Keep the token's own claim names ("role", "unit", "sub").
                options.MapInboundClaims = false;
                options.TokenValidationParameters.RoleClaimType = CchcClaims.Role;
                options.TokenValidationParameters.NameClaimType = CchcClaims.Subject;
                // Pinned: the asymmetric algorithms of an SSO's keys (JWKS), and HS256 only where a shared-key
                // issuer may be trusted; an access token's type only.
                options.TokenValidationParameters.ValidAlgorithms = sharedKeyAllowed ? [.. AsymmetricAlgorithms, SecurityAlgorithms.HmacSha256] : AsymmetricAlgorithms;
                options.TokenValidationParameters.ValidTypes = ["JWT", "at+jwt"];
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        ValidatedTokens.Of(context.HttpContext).TryAdmit(context);
                        return Task.CompletedTask;
                    },
                    // Officials' tokens never carry the service role: services prove themselves with their own
                    // keys. A token claiming it is someone minting what it may not.
                    OnTokenValidated = context =>
                    {
                        if (context.Principal!.FindAll(CchcClaims.Role).Any(r => r.Value == Roles.Service))
                        {
                            context.Fail("An official's token cannot carry the service role.");
                        }
                        ValidatedTokens.Of(context.HttpContext).RememberValidated(context);
                        return Task.CompletedTask;
                    },
                };
            })
            .AddJwtBearer(ServiceScheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = ServiceIdentity.Issuer,
                    ValidAudience = ownName,
                    IssuerSigningKeys = ServiceIdentity.TrustedKeys(builder.Configuration),
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    RequireExpirationTime = true,
                    RoleClaimType = CchcClaims.Role,
                    NameClaimType = CchcClaims.Subject,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        ValidatedTokens.Of(context.HttpContext).TryAdmit(context);
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        // The key that signed the token names the service; the token cannot claim another.
                        var token = (JsonWebToken)context.SecurityToken;
                        if (context.Principal!.FindFirst(CchcClaims.Subject)?.Value != ServiceIdentity.Subject(token.Kid)
                            || token.ValidTo - token.IssuedAt > ServiceIdentity.MaxLifetime)
                        {
                            context.Fail("A service token names the service whose key signed it and lives a few minutes at most.");
                        }
                        ValidatedTokens.Of(context.HttpContext).RememberValidated(context);
                        return Task.CompletedTask;
                    },
                };
            });
        // ASP.NET Core's JwtBearerConfigureOptions reads Authentication:Schemes:Bearer:SigningKeys lazily: every
        // validation walked the configuration again and made new key objects, which also defeated the signature
        // providers' cache (about 8 % of the gateway's CPU per call). Read them once, when the options are built.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            if (options.TokenValidationParameters.IssuerSigningKeys is { } keys and not ICollection<SecurityKey>)
            {
                options.TokenValidationParameters.IssuerSigningKeys = keys.ToList();
            }
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResults>();
        // The system clock, not a registered TimeProvider: token lifetimes are judged by IdentityModel against the system clock.
        builder.Services.AddSingleton(new ValidatedTokens(TimeProvider.System));
        builder.Services.AddSingleton(ApiKeySeal.From(builder.Configuration));
        var authorization = builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (service, _) in Resources.ServiceDatabases)
        {
            authorization.AddPolicy(ServicePolicies.Only(service), policy => policy
                .RequireRole(Roles.Service)
                .RequireClaim(CchcClaims.Subject, ServiceIdentity.Subject(service)));
        }
        return builder;
    }
}

/// <summary>Policies that admit one named service, for RPCs no one else may call.</summary>
public static class ServicePolicies
{
    public const string Notifications = "service:notifications";

    public static string Only(string service) => ServiceIdentity.Subject(service);
}
