namespace Cchc.Dossiers.Digitisation;

/// <summary>
/// A digitised paper or result of one applicant (số hóa): what it is and the SHA-256 of its file,
/// which is stored once per applicant. Never changed once written; its content lives in
/// <see cref="DigitisedContent"/>, so listing documents never reads files.
/// </summary>
public sealed class DigitisedDocument
{
    public Guid Id { get; init; }
    /// <summary>A keyed hash of the applicant's kind and identity number (see <c>LookupSecrets.ApplicantKeyAsync</c>).</summary>
    public required string ApplicantKey { get; init; }
    public DigitisedDocumentKind Kind { get; init; }
    /// <summary>How a later dossier recognises the same paper (<c>PaperKeys</c>).</summary>
    public required string PaperKey { get; init; }
    public string PaperCode { get; init; } = "";
    public required string Name { get; init; }
    public required string FileName { get; init; }
    public required string MediaType { get; init; }
    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; init; }
    public long SizeBytes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public long SourceDossierId { get; init; }
    public required string SourceDossierCode { get; init; }
}

public sealed class DigitisedContent
{
    public Guid DocumentId { get; init; }
    public required byte[] Content { get; init; }
}

/// <summary>Mirrors <c>cchc.dossiers.v1.DigitisedDocumentKind</c>.</summary>
public enum DigitisedDocumentKind
{
    Paper = 1,
    Result = 2,
}
