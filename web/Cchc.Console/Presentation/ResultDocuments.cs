using Cchc.Dossiers.V1;

namespace Cchc.Console.Presentation;

/// <summary>
/// The electronic result (kết quả điện tử) on a dossier's record: the processing unit (or the desk) attaches it
/// with DigitisedPapers.AttachDigitisedResult while the dossier is being processed, awaits payment or has its
/// result ready (statuses 4, 6 and 9, as the service allows); a later file replaces it.
/// </summary>
public static class ResultDocuments
{
    private static readonly string[] Attachers = ["processing_officer", "unit_head", "desk_officer"];

    public static bool MayAttach(Dossier dossier, IReadOnlyCollection<string> roles) =>
        dossier.Status is DossierStatus.InProgress or DossierStatus.AwaitingPayment or DossierStatus.ResultReady
        && roles.Any(Attachers.Contains);
}
