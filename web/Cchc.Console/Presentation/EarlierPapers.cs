using System.Text.RegularExpressions;
using Cchc.Dossiers.V1;

namespace Cchc.Console.Presentation;

/// <summary>
/// What the applicant has digitised before, at the desk's intake (DigitisedPapers.ListDigitisedDocuments): the
/// receiving agency's own documents are listed and reused automatically; those of other agencies are only counted
/// (held_elsewhere) and reused only with the applicant's consent (ReceiveDossierRequest.reuse_consent). A paper of
/// the procedure is found again the way the Dossiers service finds it: by its component code, else by its name
/// (spaces collapsed, case ignored).
/// </summary>
public static partial class EarlierPapers
{
    /// <summary>The identity number is complete enough to look the applicant up: 12 digits for a person, a tax code for an organisation.</summary>
    public static bool CanLookUp(ApplicantKind kind, string? identityNumber) => kind switch
    {
        ApplicantKind.Person => CitizenId().IsMatch(identityNumber ?? ""),
        ApplicantKind.Organization => TaxCode().IsMatch(identityNumber ?? ""),
        _ => false,
    };

    /// <summary>The key a paper is found again by (the service's PaperKeys).</summary>
    public static string Key(string code, string name) =>
        code.Trim().Length > 0
            ? "code:" + code.Trim().ToUpperInvariant()
            : "name:" + Spaces().Replace(name.Trim(), " ").ToLowerInvariant();

    /// <summary>
    /// For each paper of the procedure (by index), the applicant's newest digitised document that will be reused
    /// for it, so it need not be asked for again. <paramref name="documents"/> come newest first, as listed.
    /// </summary>
    public static IReadOnlyDictionary<int, DigitisedDocument> Reused(IReadOnlyList<RequiredPaper> papers, IEnumerable<DigitisedDocument> documents)
    {
        var newest = new Dictionary<string, DigitisedDocument>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            newest.TryAdd(Key(document.PaperCode, document.Name), document);
        }
        var reused = new Dictionary<int, DigitisedDocument>();
        for (var i = 0; i < papers.Count; i++)
        {
            if (newest.TryGetValue(Key(papers[i].Code, papers[i].Name), out var document))
            {
                reused[i] = document;
            }
        }
        return reused;
    }

    /// <summary>The consent to send: none unless the applicant agreed; the basis as typed (the service requires it when granted).</summary>
    public static PaperReuseConsent? Consent(bool granted, string? basis) =>
        granted ? new PaperReuseConsent { Granted = true, Basis = (basis ?? "").Trim() } : null;

    /// <summary>What the desk reads about the papers other agencies hold for the applicant.</summary>
    public static string HeldElsewhere(int count) => count switch
    {
        0 => "Không có giấy tờ nào do cơ quan khác số hóa.",
        _ => $"Có {count} giấy tờ do cơ quan khác số hóa: chỉ được dùng lại khi công dân đồng ý (ghi căn cứ bên dưới).",
    };

    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex CitizenId();

    [GeneratedRegex(@"^[0-9]{10}(-[0-9]{3})?\z")]
    private static partial Regex TaxCode();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
