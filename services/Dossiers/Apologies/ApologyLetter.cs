namespace Cchc.Dossiers.Apologies;

/// <summary>
/// An apology-and-new-appointment letter (phiếu xin lỗi và hẹn lại ngày trả kết quả) as issued:
/// the appointment it moved from and to, why, who signed, and the text the applicant received.
/// Append-only, like the audit trail: the letters of a dossier are the history of its appointment.
/// </summary>
public sealed class ApologyLetter
{
    public long Id { get; init; }
    public long DossierId { get; init; }
    /// <summary>1 for the dossier's first letter, then 2, …</summary>
    public int Number { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public required string IssuedBy { get; init; }
    public required string IssuedByName { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset PreviousDueAt { get; init; }
    public DateTimeOffset NewDueAt { get; init; }
    public required string AgencyName { get; init; }
    public required string SignerName { get; init; }
    public required string SignerTitle { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
}
