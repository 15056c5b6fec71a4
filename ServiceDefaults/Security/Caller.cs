using System.Security.Claims;
using Grpc.Core;

namespace Cchc.ServiceDefaults.Security;

/// <summary>
/// Who is calling, read from the authenticated principal. Unit scope follows the organisation's
/// codes: a unit's code extends its parent's (<c>QT.SKHCN</c> → <c>QT.SKHCN.VP</c>), so "this unit
/// and its sub-units" is a prefix test that needs no lookup.
/// </summary>
public sealed record Caller(string Subject, string Name, IReadOnlySet<string> Roles, string? Unit, string? Agency)
{
    public static Caller From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(CchcClaims.Subject) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        principal.FindFirstValue(CchcClaims.Name) ?? "",
        principal.FindAll(CchcClaims.Role).Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value).ToHashSet(),
        principal.FindFirstValue(CchcClaims.Unit),
        principal.FindFirstValue(CchcClaims.Agency));

    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>The unit whose subtree this caller may see and act on; null means everything (administrator).</summary>
    public string? ScopeUnit =>
        IsIn(Security.Roles.Administrator) ? null
        : Roles.Overlaps(Security.Roles.AgencyWide) ? Agency ?? Unit
        : Unit;

    public bool CanAccessUnit(string unitCode)
    {
        if (IsIn(Security.Roles.Administrator))
        {
            return true;
        }
        var scope = ScopeUnit;
        return scope is not null && IsWithin(unitCode, scope);
    }

    public static bool IsWithin(string unitCode, string scopeUnit) =>
        unitCode == scopeUnit || unitCode.StartsWith(scopeUnit + ".", StringComparison.Ordinal);
}

public static class CallerExtensions
{
    public static Caller GetCaller(this ServerCallContext context) => Caller.From(context.GetHttpContext().User);
}
