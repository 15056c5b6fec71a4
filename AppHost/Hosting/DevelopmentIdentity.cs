using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cchc.ServiceDefaults.Security;

namespace Cchc.AppHost.Hosting;

/// <summary>
/// A local token issuer for Development: a signing key kept in the data folder, the configuration
/// that makes every service trust it, and a token per demo role written for the developer.
/// </summary>
public sealed class DevelopmentIdentity
{
    // Integrators do not get a token: they call with an API key an administrator issues (CreateApiKey).
    private static readonly (string Role, string Name, string? Unit, string? Agency)[] DemoCallers =
    [
        (Roles.DeskOfficer, "Lê Thị Hoa (Bộ phận Một cửa)", "QT.SKHCN", "QT.SKHCN"),
        (Roles.ProcessingOfficer, "Nguyễn Văn Minh (Phòng QLCN)", "QT.SKHCN.QLCN", "QT.SKHCN"),
        (Roles.UnitHead, "Trần Quốc Bảo (Trưởng phòng QLCN)", "QT.SKHCN.QLCN", "QT.SKHCN"),
        (Roles.Leadership, "Phạm Thị Lan (Phó Giám đốc Sở)", "QT.SKHCN", "QT.SKHCN"),
        (Roles.FollowUpOffice, "Hoàng Văn Nam (Văn phòng Sở)", "QT.SKHCN.VP", "QT.SKHCN"),
        (Roles.Administrator, "Quản trị hệ thống", null, null),
        (Roles.Service, "Dịch vụ nội bộ (thử nghiệm)", null, null),
    ];

    private DevelopmentIdentity(TokenIssuer issuer) => Issuer = issuer;

    public TokenIssuer Issuer { get; }

    public static DevelopmentIdentity LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var keyFile = Path.Combine(dataDirectory, "dev-signing.key");
        if (!File.Exists(keyFile))
        {
            File.WriteAllText(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        var key = Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        return new DevelopmentIdentity(new TokenIssuer(TokenIssuer.DevelopmentIssuer, TokenIssuer.DefaultAudience, key));
    }

    /// <summary>The token a project uses to call another Cchc service (its feed, for instance).</summary>
    public string ServiceToken(string project) =>
        Issuer.Issue($"service:{project}", project, [Roles.Service], null, null, TimeSpan.FromDays(30));

    /// <summary>Writes <c>dev-tokens.env</c> (to <c>source</c>) and <c>dev-tokens.json</c>; returns the env file's path.</summary>
    public string WriteDemoTokens(string dataDirectory)
    {
        var tokens = DemoCallers.ToDictionary(c => c.Role,
            c => Issuer.Issue($"dev-{c.Role}", c.Name, [c.Role], c.Unit, c.Agency, TimeSpan.FromHours(12)));
        var env = new StringBuilder("# Development tokens, valid 12 hours from the AppHost's start.\n");
        foreach (var (role, token) in tokens)
        {
            env.Append("export CCHC_TOKEN_").Append(role.ToUpperInvariant()).Append('=').Append(token).Append('\n');
        }
        var envFile = Path.Combine(dataDirectory, "dev-tokens.env");
        File.WriteAllText(envFile, env.ToString());
        File.WriteAllText(Path.Combine(dataDirectory, "dev-tokens.json"), JsonSerializer.Serialize(tokens, new JsonSerializerOptions { WriteIndented = true }));
        return envFile;
    }
}
