using Microsoft.IdentityModel.JsonWebTokens;

namespace Cchc.Console.Identity;

/// <summary>
/// Development only: the demo officials whose tokens the AppHost issued (<c>DevelopmentTokens:&lt;role&gt;</c>,
/// the same tokens as <c>.cchc/dev-tokens.json</c>), offered as a list to sign in with.
/// </summary>
public sealed class DemoOfficials(IConfiguration configuration, IHostEnvironment environment)
{
    public const string Section = "DevelopmentTokens";

    public sealed record Entry(string Role, string Name, string? Unit, string Token);

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
            entries.Add(new Entry(child.Key, name ?? child.Key, unit, child.Value));
        }
        return [.. entries.OrderBy(e => Array.IndexOf(RoleOrder, e.Role) is var i && i < 0 ? 99 : i)];
    }

    public Entry? Find(string role) => All().FirstOrDefault(e => e.Role == role);

    private static readonly string[] RoleOrder = ["desk_officer", "processing_officer", "unit_head", "leadership", "follow_up_office", "administrator"];
}
