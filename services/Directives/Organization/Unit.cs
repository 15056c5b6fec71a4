using Cchc.SharedKernel.Organization;
using Microsoft.Extensions.Hosting;

namespace Cchc.Directives.Organization;

/// <summary>
/// An organisational unit. <see cref="Path"/> is the chain of codes from the root, separated by '/',
/// so a subtree is one prefix scan.
/// </summary>
public sealed class Unit
{
    public const int MaxCodeLength = Cchc.SharedKernel.Organization.UnitCodes.MaxLength;
    public const char PathSeparator = '/';

    public required string Code { get; init; }
    public required string Name { get; set; }
    public string ShortName { get; set; } = "";
    public UnitKind Kind { get; set; }
    public string? ParentCode { get; init; }
    public required string Path { get; init; }
    public int Depth { get; init; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; } = ServiceClock.System.UtcNow();

    public static bool IsValidCode(string code) => Cchc.SharedKernel.Organization.UnitCodes.IsValid(code);

    public static Unit Create(string code, string name, string shortName, UnitKind kind, Unit? parent) => new()
    {
        Code = code,
        Name = name,
        ShortName = shortName,
        Kind = kind,
        ParentCode = parent?.Code,
        Path = parent is null ? code : parent.Path + PathSeparator + code,
        Depth = parent is null ? 0 : parent.Depth + 1,
    };
}

/// <summary>Mirrors <c>cchc.directives.v1.UnitKind</c>; stored as its number.</summary>
public enum UnitKind
{
    Unspecified = 0,
    Province = 1,
    PartyCommittee = 2,
    PeoplesCommittee = 3,
    Agency = 4,
    Office = 5,
    Division = 6,
    SubDepartment = 7,
    Centre = 8,
    Commune = 9,
}
