namespace Cchc.Directives.Organization;

/// <summary>A person working in a unit, with the platform roles they hold; the unit's head among them.</summary>
public sealed class Official
{
    /// <summary>The account id, as the subject of the official's token.</summary>
    public required string Id { get; init; }
    public required string FullName { get; set; }
    public required string UnitCode { get; set; }
    public string Position { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public bool UnitHead { get; set; }
    public bool Active { get; set; } = true;
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}
