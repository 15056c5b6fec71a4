using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;

namespace Cchc.AppHost;

/// <summary>
/// A local token issuer for Development: a signing key kept in the data folder, the configuration
/// that makes every service trust it, and a token per demo role written for the developer.
/// </summary>
public sealed class DevelopmentIdentity
{
    // Integrators do not get a token: they call with an API key an administrator issues (CreateApiKey).
    // Keyed by role, except officials of other agencies than the Department (key: role and agency), who
    // receive its inter-agency transfers.
    private static readonly (string Key, string Role, string Name, string? Unit, string? Agency)[] DemoCallers =
    [
        (Roles.DeskOfficer, Roles.DeskOfficer, "Lê Thị Hoa (Bộ phận Một cửa)", "QT.SKHCN.MC", "QT.SKHCN"),
        (Roles.ProcessingOfficer, Roles.ProcessingOfficer, "Nguyễn Văn Minh (Phòng QLCN)", "QT.SKHCN.QLCN", "QT.SKHCN"),
        (Roles.UnitHead, Roles.UnitHead, "Trần Quốc Bảo (Trưởng phòng QLCN)", "QT.SKHCN.QLCN", "QT.SKHCN"),
        (Roles.Leadership, Roles.Leadership, "Phạm Thị Lan (Phó Giám đốc Sở)", "QT.SKHCN", "QT.SKHCN"),
        (Roles.FollowUpOffice, Roles.FollowUpOffice, "Hoàng Văn Nam (Văn phòng Sở)", "QT.SKHCN.VP", "QT.SKHCN"),
        (Roles.Administrator, Roles.Administrator, "Quản trị hệ thống", null, null),
        (ProvincialCommitteeOfficer, Roles.ProcessingOfficer, "Đặng Thị Mai (Văn phòng UBND tỉnh)", "QT.UBND", "QT.UBND"),
    ];

    /// <summary>The key of the demo processing officer of the provincial People's Committee (QT.UBND).</summary>
    public const string ProvincialCommitteeOfficer = "processing_officer_ubnd";

    // Each service's own key pair for this run: its tokens to other services are signed with it.
    private readonly Dictionary<string, (string PrivateKey, string PublicKey)> _serviceKeys =
        Resources.ServiceDatabases.ToDictionary(s => s.Service, _ => ServiceIdentity.NewKeyPair());

    private DevelopmentIdentity(TokenIssuer issuer) => Issuer = issuer;

    public TokenIssuer Issuer { get; }

    /// <summary>A random 32-byte key, base64, made once in the data folder (mode 600) and kept between runs.</summary>
    public static string LoadOrCreateKey(string dataDirectory, string fileName)
    {
        Directory.CreateDirectory(dataDirectory);
        var keyFile = Path.Combine(dataDirectory, fileName);
        if (!File.Exists(keyFile))
        {
            WritePrivate(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        return File.ReadAllText(keyFile).Trim();
    }

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

    /// <summary>What every project trusts: the officials' development issuer and each service's public key.</summary>
    public IReadOnlyDictionary<string, string> TrustConfiguration()
    {
        var settings = new Dictionary<string, string>(Issuer.ServiceConfiguration());
        foreach (var (service, keys) in _serviceKeys)
        {
            settings[$"ServiceIdentity:Trust:{service}"] = keys.PublicKey;
        }
        return settings;
    }

    /// <summary>The identity a project signs its calls to other Cchc services with (none for the gateway, which calls none).</summary>
    public IReadOnlyDictionary<string, string> ServiceCredentials(string project) => _serviceKeys.TryGetValue(project, out var keys)
        ? new Dictionary<string, string> { ["ServiceIdentity:Name"] = project, ["ServiceIdentity:PrivateKey"] = keys.PrivateKey }
        : new Dictionary<string, string>();

    /// <summary>Writes <c>dev-tokens.env</c> (to <c>source</c>) and <c>dev-tokens.json</c>, readable by their owner only; returns the tokens by key (the role, or role and agency).</summary>
    public IReadOnlyDictionary<string, string> WriteDemoTokens(string dataDirectory)
    {
        var tokens = DemoCallers.ToDictionary(c => c.Key,
            c => Issuer.Issue($"dev-{c.Key}", c.Name, [c.Role], c.Unit, c.Agency, TimeSpan.FromHours(12)));
        var env = new StringBuilder("# Development tokens, valid 12 hours from the AppHost's start.\n");
        foreach (var (role, token) in tokens)
        {
            env.Append("export CCHC_TOKEN_").Append(role.ToUpperInvariant()).Append('=').Append(token).Append('\n');
        }
        WritePrivate(Path.Combine(dataDirectory, "dev-tokens.env"), env.ToString());
        WritePrivate(Path.Combine(dataDirectory, "dev-tokens.json"), JsonSerializer.Serialize(tokens, new JsonSerializerOptions { WriteIndented = true }));
        return tokens;
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
