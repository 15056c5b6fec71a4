using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.ServiceDefaults.Security;

/// <summary>
/// Mints signed tokens with a symmetric key: the AppHost's development issuer and the tests use it.
/// Production tokens come from the province's single sign-on, configured under
/// <c>Authentication:Schemes:Bearer</c>.
/// </summary>
public sealed class TokenIssuer(string issuer, string audience, byte[] signingKey)
{
    public const string DevelopmentIssuer = "cchc-dev";
    public const string DefaultAudience = "cchc";

    public string Issuer { get; } = issuer;
    public string Audience { get; } = audience;
    public string SigningKeyBase64 { get; } = Convert.ToBase64String(signingKey);

    public string Issue(string subject, string name, IEnumerable<string> roles, string? unit, string? agency, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(CchcClaims.Subject, subject), new(CchcClaims.Name, name) };
        claims.AddRange(roles.Select(r => new Claim(CchcClaims.Role, r)));
        if (unit is not null)
        {
            claims.Add(new Claim(CchcClaims.Unit, unit));
        }
        if (agency is not null)
        {
            claims.Add(new Claim(CchcClaims.Agency, agency));
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(SigningKeyBase64)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The configuration that makes a service accept this issuer's tokens (ASP.NET Core's JwtBearer binding).</summary>
    public IReadOnlyDictionary<string, string> ServiceConfiguration() => new Dictionary<string, string>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = SigningKeyBase64,
    };
}
