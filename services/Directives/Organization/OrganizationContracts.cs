using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;

namespace Cchc.Directives.Organization;

/// <summary>Units and officials as the contract gives them, and what of an official a caller may see.</summary>
public static class OrganizationContracts
{
    public const string UnitResourceType = "cchc.directives.v1.Unit";

    /// <summary>
    /// Everyone sees an official's name, unit, position and whether they head it. Their work e-mail and
    /// phone and their platform roles are for administrators, Cchc services (Notifications' recipient
    /// directory) and officials of the same agency only; integrators and other agencies see them empty.
    /// </summary>
    public static V1.Official Shown(Official official, Caller caller)
    {
        var contract = ToContract(official);
        var sameAgency = (caller.Agency ?? caller.Unit) is { } agency && Caller.IsWithin(official.UnitCode, agency);
        if (!caller.IsIn(Roles.Administrator) && !caller.IsIn(Roles.Service) && !sameAgency)
        {
            contract.Email = "";
            contract.Phone = "";
            contract.Roles.Clear();
        }
        return contract;
    }

    public static V1.Official ToContract(Official official)
    {
        var contract = new V1.Official
        {
            OfficialId = official.Id,
            FullName = official.FullName,
            UnitCode = official.UnitCode,
            Position = official.Position,
            UnitHead = official.UnitHead,
            Active = official.Active,
            Email = official.Email,
            Phone = official.Phone,
        };
        contract.Roles.AddRange(official.Roles);
        return contract;
    }

    public static V1.Unit ToContract(Unit unit, Official? head)
    {
        var contract = ToContract(unit);
        contract.HeadOfficialId = head?.Id ?? "";
        contract.HeadName = head?.FullName ?? "";
        return contract;
    }

    public static V1.Unit ToContract(Unit unit) => new()
    {
        Code = unit.Code,
        Name = unit.Name,
        ShortName = unit.ShortName,
        Kind = (V1.UnitKind)unit.Kind,
        ParentCode = unit.ParentCode ?? "",
        Depth = unit.Depth,
        Active = unit.Active,
    };
}
