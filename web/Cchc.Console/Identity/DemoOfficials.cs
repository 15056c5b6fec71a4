using Microsoft.IdentityModel.JsonWebTokens;

namespace Cchc.Console.Identity;

/// <summary>
/// Development only: the demo officials whose tokens the AppHost issued (<c>DevelopmentTokens:&lt;key&gt;</c>,
/// the same tokens as <c>.cchc/dev-tokens.json</c>), offered as a list to sign in with. The key is the role, or
/// the role and agency for an official of another agency (e.g. <c>processing_officer_ubnd</c>); the role shown is
/// the token's own.
/// </summary>
public sealed class DemoOfficials(IConfiguration configuration, IHostEnvironment environment)
{
    public const string Section = "DevelopmentTokens";

    public sealed record Entry(string Key, string Role, string Name, string? Unit, string Token);

    public bool Enabled => environment.IsDevelopment() && All().Count > 0;

    public IReadOnlyList<Entry> All()
    {
        if (!environment.IsDevelopment())
        {
            return [];
        }
        var entries = new List<Entry>();
        foreach (var child in configuration.GetSection(Section).GetChildren())
        {
            if (string.IsNullOrWhiteSpace(child.Value))
            {
                continue;
            }
            var token = new JsonWebToken(child.Value);
            token.TryGetPayloadValue<string>(Official.NameClaim, out var name);
            token.TryGetPayloadValue<string>(Official.UnitClaim, out var unit);
            var role = Official.FromAccessToken(child.Value, Section).RolesOf().FirstOrDefault() ?? child.Key;
            entries.Add(new Entry(child.Key, role, name ?? child.Key, unit, child.Value));
        }
        // The Department's officials by role, then those of other agencies.
        return [.. entries.OrderBy(e => Array.IndexOf(RoleOrder, e.Key) is var i && i < 0 ? 99 : i).ThenBy(e => e.Key, StringComparer.Ordinal)];
    }

    public Entry? Find(string key) => All().FirstOrDefault(e => e.Key == key);

    private static readonly string[] RoleOrder = ["desk_officer", "processing_officer", "unit_head", "leadership", "follow_up_office", "administrator"];
}
