using Cchc.Directives.V1;
using Cchc.Dossiers.V1;

namespace Cchc.Console.Presentation;

/// <summary>
/// Inter-agency (liên thông) transfers on a dossier's record: where a dossier may be sent (another agency of
/// the organisation registry), who may send it or record it back (processing officers and unit heads, when the
/// lifecycle allows it now), and how a finished transfer reads.
/// </summary>
public static class AgencyTransfers
{
    private static readonly string[] Processors = ["processing_officer", "unit_head"];

    /// <summary>
    /// The agencies a dossier of <paramref name="ownAgency"/> may be sent to: departments, people's committees,
    /// communes and the province's centres, active, not the dossier's own agency nor inside it, nor party bodies;
    /// sorted by name.
    /// </summary>
    public static IReadOnlyList<Cchc.Directives.V1.Unit> Targets(IEnumerable<Cchc.Directives.V1.Unit> registry, string ownAgency)
    {
        var units = registry.ToList();
        var party = units.Where(u => u.Kind == UnitKind.PartyCommittee).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        return [.. units
            .Where(u => u.Active && u.Code != ownAgency && !u.Code.StartsWith(ownAgency + ".", StringComparison.Ordinal) && !party.Contains(u.ParentCode))
            .Where(u => u.Kind is UnitKind.Agency or UnitKind.PeoplesCommittee or UnitKind.Commune || (u.Kind == UnitKind.Centre && u.Depth == 1))
            .OrderBy(u => u.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))];
    }

    public static bool MaySend(Dossier dossier, IReadOnlyCollection<string> roles) =>
        dossier.TransferredToAgencyCode.Length == 0 && dossier.AllowedActions.Contains(DossierAction.TransferToAgency) && roles.Any(Processors.Contains);

    /// <summary>The dossier is away at another agency and may be recorded back.</summary>
    public static bool MayRecordReturn(Dossier dossier, IReadOnlyCollection<string> roles) =>
        dossier.TransferredToAgencyCode.Length > 0 && dossier.AllowedActions.Contains(DossierAction.ReturnFromAgency) && roles.Any(Processors.Contains);

    /// <summary>The transfer under way, if the dossier is away.</summary>
    public static AgencyTransfer? Current(Dossier dossier) =>
        dossier.TransferredToAgencyCode.Length == 0 ? null : dossier.AgencyTransfers.LastOrDefault(t => t.ReturnedAt is null);

    /// <summary>The working days the other agency is allowed, as the service takes them; none (the time left until the appointment) for 0.</summary>
    public static StatutoryTime? Allowance(int workingDays) =>
        workingDays > 0 ? new StatutoryTime { Amount = workingDays.ToString(System.Globalization.CultureInfo.InvariantCulture), Unit = DurationUnit.WorkingDays } : null;

    public static string Outcome(AgencyTransfer transfer) => transfer.ReturnedAt is null
        ? "Đang ở cơ quan liên thông"
        : transfer.Outcome switch
        {
            AgencyTransferOutcome.Completed => "Đã hoàn thành phần việc",
            AgencyTransferOutcome.Refused => "Không thực hiện",
            _ => "Đã trả lại",
        } + (Labels.Outcome(transfer.StepOutcome) is { Length: > 0 } judged ? $" — {judged.ToLowerInvariant()}" : "");
}
