using Cchc.Dossiers.V1;

namespace Cchc.Console.Presentation;

/// <summary>
/// What waits at the one-stop desk, each queue sorted by appointment (the online submissions not yet received
/// have none: by code, which counts up with submission): results to hand over, online submissions to check (accept, or
/// return with guidance on what to supplement), dossiers waiting for the applicant's supplement, and dossiers
/// received at this desk not yet handed to a processing unit.
/// </summary>
public sealed record DeskQueues(
    IReadOnlyList<DossierSummary> ResultsReady,
    IReadOnlyList<DossierSummary> OnlineToCheck,
    IReadOnlyList<DossierSummary> AwaitingSupplement,
    IReadOnlyList<DossierSummary> ReceivedHere)
{
    /// <summary>The statuses the desk lists.</summary>
    public static readonly DossierStatus[] Statuses =
        [DossierStatus.ResultReady, DossierStatus.Submitted, DossierStatus.SupplementRequested, DossierStatus.Received];

    public static readonly DeskQueues Empty = new([], [], [], []);

    public static DeskQueues Of(IEnumerable<DossierSummary> dossiers, string? deskUnit)
    {
        var all = dossiers.ToList();
        return new(
            ByAppointment(all.Where(d => d.Status == DossierStatus.ResultReady)),
            ByAppointment(all.Where(d => d.Status == DossierStatus.Submitted)),
            ByAppointment(all.Where(d => d.Status == DossierStatus.SupplementRequested)),
            ByAppointment(all.Where(d => d.Status == DossierStatus.Received && d.CurrentUnitCode == deskUnit)));
    }

    private static List<DossierSummary> ByAppointment(IEnumerable<DossierSummary> dossiers) =>
        [.. dossiers.OrderBy(d => d.DueAt?.ToDateTimeOffset() ?? DateTimeOffset.MaxValue).ThenBy(d => d.Code, StringComparer.Ordinal)];
}
