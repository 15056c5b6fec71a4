using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Cchc.Console.Identity;

/// <summary>
/// The signed-in official as the services will see them: the principal is made from the access token
/// itself (its <c>role</c>, <c>unit</c>, <c>agency</c> and <c>name</c>), and the token travels with it
/// so every call to the gateway is made as that official.
/// </summary>
public static class Official
{
    public const string AccessTokenClaim = "cchc:access_token";
    public const string RoleClaim = "role";
    public const string UnitClaim = "unit";
    public const string AgencyClaim = "agency";
    public const string NameClaim = "name";

    /// <summary>The principal for a token the console was given (by the SSO or, in Development, by the AppHost); the services validate it on every call.</summary>
    public static ClaimsPrincipal FromAccessToken(string accessToken, string authenticationType)
    {
        var token = new JsonWebToken(accessToken);
        var claims = new List<Claim> { new(AccessTokenClaim, accessToken) };
        foreach (var type in new[] { "sub", NameClaim, UnitClaim, AgencyClaim })
        {
            if (token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value))
            {
                claims.Add(new Claim(type, value));
            }
        }
        claims.AddRange(Roles(token).Select(r => new Claim(RoleClaim, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, NameClaim, RoleClaim));
    }

    public static DateTimeOffset Expires(string accessToken) => new JsonWebToken(accessToken).ValidTo is var to && to > DateTime.MinValue
        ? new DateTimeOffset(to, TimeSpan.Zero) : DateTimeOffset.UtcNow.AddHours(8);

    private static IEnumerable<string> Roles(JsonWebToken token)
    {
        if (token.TryGetPayloadValue<string[]>(RoleClaim, out var many) && many is not null)
        {
            return many;
        }
        return token.TryGetPayloadValue<string>(RoleClaim, out var one) && !string.IsNullOrEmpty(one) ? [one] : [];
    }

    public static string? Unit(this ClaimsPrincipal user) => user.FindFirst(UnitClaim)?.Value;
    public static string? Agency(this ClaimsPrincipal user) => user.FindFirst(AgencyClaim)?.Value;
    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirst(NameClaim)?.Value ?? user.Identity?.Name ?? "";
    public static IReadOnlyList<string> RolesOf(this ClaimsPrincipal user) => [.. user.FindAll(RoleClaim).Select(c => c.Value)];
}
