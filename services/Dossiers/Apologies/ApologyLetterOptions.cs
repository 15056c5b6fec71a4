namespace Cchc.Dossiers.Apologies;

/// <summary>
/// The <c>Dossiers:ApologyLetters</c> section. The legal rules here could not be confirmed against
/// Nghị định 118/2025 and Thông tư 03/2025 (see the domain notes), so they are settings: the
/// defaults follow Nghị định 61/2018 as practised (one letter, at least one working day before the
/// appointment).
/// </summary>
public sealed class ApologyLetterOptions
{
    public const string Section = "Dossiers:ApologyLetters";

    /// <summary>How many letters one dossier may get; a new appointment "no more than once" under Nghị định 61.</summary>
    public int MaxPerDossier { get; set; } = 1;

    /// <summary>
    /// A letter is issued by the end of the working day this many working days before the
    /// appointment's day; 0 allows it up to the appointment itself.
    /// </summary>
    public int IssueByWorkingDaysBeforeAppointment { get; set; } = 1;

    /// <summary>Whether a letter may still be issued after that, for a dossier that is already late.</summary>
    public bool AllowAfterDeadline { get; set; }

    /// <summary>
    /// The letter's title: Mẫu 04 of Thông tư 01/2018/TT-VPCP; Thông tư 03/2025/TT-VPCP reportedly names
    /// it "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT".
    /// </summary>
    public string Title { get; set; } = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ";
}
