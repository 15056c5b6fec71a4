namespace Cchc.Dossiers.Digitisation;

/// <summary>
/// One look at a citizen's digitised papers: a listing, a read, or a reuse by another agency with the
/// applicant's consent. Written in the same transaction as what it records, never changed.
/// </summary>
public sealed class DocumentAccess
{
    public long Id { get; init; }
    /// <summary>The applicant whose papers were seen (the keyed hash of <see cref="DigitisedDocument.ApplicantKey"/>).</summary>
    public required string ApplicantKey { get; init; }
    public DocumentAccessKind Kind { get; init; }
    public Guid? DocumentId { get; init; }
    public string DossierCode { get; init; } = "";
    public required string AccessedBy { get; init; }
    public string AccessedByAgency { get; init; } = "";
    public DateTimeOffset AccessedAt { get; init; }
    public string Basis { get; init; } = "";
}

/// <summary>Mirrors <c>cchc.dossiers.v1.DocumentAccessKind</c>.</summary>
public enum DocumentAccessKind
{
    Listed = 1,
    Read = 2,
    ReusedWithConsent = 3,
}

/// <summary>Which digitised papers an official may see without the applicant's consent: those of their own agency's dossiers.</summary>
public static class DocumentScope
{
    /// <summary>The agency (or unit, for a token naming no agency) whose dossiers' papers the caller sees; null for an administrator.</summary>
    public static string? AgencyOf(ServiceDefaults.Security.Caller caller) =>
        caller.IsIn(ServiceDefaults.Security.Roles.Administrator) ? null : caller.Agency ?? caller.Unit ?? "";
}
