namespace Cchc.ServiceDefaults.Security;

/// <summary>The roles of Cchc's callers, as carried in the <c>role</c> claim of a token.</summary>
public static class Roles
{
    /// <summary>Officer at the one-stop desk (Bộ phận Một cửa): receives dossiers and returns results.</summary>
    public const string DeskOfficer = "desk_officer";
    /// <summary>Officer of a processing unit (chuyên viên xử lý).</summary>
    public const string ProcessingOfficer = "processing_officer";
    /// <summary>Head of a unit (trưởng phòng, chi cục trưởng, giám đốc trung tâm).</summary>
    public const string UnitHead = "unit_head";
    /// <summary>Department leadership (Ban Giám đốc Sở): sees the whole agency.</summary>
    public const string Leadership = "leadership";
    /// <summary>The follow-up office (e.g. Văn phòng Sở): follows up directives across the whole agency.</summary>
    public const string FollowUpOffice = "follow_up_office";
    public const string Administrator = "administrator";
    /// <summary>A system calling with an API key, limited to its key's scopes.</summary>
    public const string Integrator = "integrator";

    /// <summary>Another Cchc service, e.g. Notifications reading the Dossiers change feed.</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All =
        [DeskOfficer, ProcessingOfficer, UnitHead, Leadership, FollowUpOffice, Administrator, Integrator, Service];

    /// <summary>Every official (token-bearing person), whatever the role.</summary>
    public const string AnyOfficial = $"{DeskOfficer},{ProcessingOfficer},{UnitHead},{Leadership},{FollowUpOffice},{Administrator}";

    /// <summary>Every authenticated caller: any official or an integrator (within its key's scopes).</summary>
    public const string AnyCaller = $"{AnyOfficial},{Integrator}";

    /// <summary>Roles whose scope is their whole agency rather than their own unit.</summary>
    public static readonly IReadOnlySet<string> AgencyWide = new HashSet<string> { Leadership, FollowUpOffice, Administrator };
}

/// <summary>Claim types Cchc reads from a token.</summary>
public static class CchcClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>The official's own unit code, e.g. <c>QT.SKHCN.QLCN</c>.</summary>
    public const string Unit = "unit";
    /// <summary>The agency the unit belongs to, e.g. <c>QT.SKHCN</c>.</summary>
    public const string Agency = "agency";
}
