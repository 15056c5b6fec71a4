using System.Globalization;
using System.Text;
using Cchc.Dossiers.Records;

namespace Cchc.Dossiers.Apologies;

/// <summary>What the letter says, all times in Vietnam local time.</summary>
public sealed record ApologySlipFacts(
    string Title,
    string AgencyName,
    ApplicantKind ApplicantKind,
    string ApplicantName,
    string ApplicantAddress,
    string ApplicantPhone,
    string ProcedureCode,
    string ProcedureName,
    string DossierCode,
    DateTime ReceivedAt,
    DateTime PreviousDueAt,
    DateTime NewDueAt,
    string Reason,
    DateTime IssuedAt,
    string SignerTitle,
    string SignerName);

/// <summary>
/// The text of the apology-and-new-appointment letter, after Mẫu 04 of Thông tư 01/2018/TT-VPCP and
/// the templates provinces use (receipt date, procedure, dossier code, the appointment missed, the
/// reason, the apology and the new appointment, the signer).
/// </summary>
public static class ApologySlip
{
    public static string Render(ApologySlipFacts f)
    {
        var you = f.ApplicantKind == ApplicantKind.Person ? "Ông/Bà" : "Quý cơ quan, tổ chức";
        var text = new StringBuilder()
            .AppendLine(f.AgencyName.ToUpper(CultureInfo.GetCultureInfo("vi-VN")))
            .AppendLine("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            .AppendLine("Độc lập - Tự do - Hạnh phúc")
            .AppendLine()
            .AppendLine(f.Title)
            .AppendLine()
            .AppendLine($"Kính gửi: {(f.ApplicantKind == ApplicantKind.Person ? "Ông/Bà " : "")}{f.ApplicantName}")
            .AppendLine($"Địa chỉ: {f.ApplicantAddress}")
            .AppendLine($"Số điện thoại: {f.ApplicantPhone}")
            .AppendLine()
            .AppendLine($"Ngày {Date(f.ReceivedAt)}, {f.AgencyName} tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính " +
                        $"\"{f.ProcedureName}\" (mã thủ tục {f.ProcedureCode}) của {you}, mã hồ sơ {f.DossierCode}.")
            .AppendLine($"Thời gian hẹn trả kết quả giải quyết hồ sơ: {Instant(f.PreviousDueAt)}.")
            .AppendLine()
            .AppendLine($"Tuy nhiên đến nay, {f.AgencyName} chưa trả kết quả giải quyết hồ sơ cho {you} đúng hẹn. Lý do: {f.Reason.TrimEnd('.')}.")
            .AppendLine()
            .AppendLine($"Việc chậm trễ này đã gây phiền hà cho {you}. {f.AgencyName} xin lỗi {you} và hẹn lại thời gian trả kết quả " +
                        $"giải quyết hồ sơ vào {Instant(f.NewDueAt)}.")
            .AppendLine()
            .AppendLine($"Rất mong nhận được sự thông cảm của {you}.")
            .AppendLine()
            .AppendLine(SigningDate(f.IssuedAt))
            .AppendLine(f.SignerTitle)
            .Append(f.SignerName);
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>"15 giờ 00 phút, ngày 22/06/2026", as receipts and slips print an instant.</summary>
    public static string Instant(DateTime local) =>
        local.ToString("HH' giờ 'mm' phút, ngày 'dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTime local) => local.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Ngày 09 tháng 6 năm 2026": the day with two digits, the month with two only for January and February.</summary>
    public static string SigningDate(DateTime local) =>
        $"Ngày {local.Day:00} tháng {(local.Month <= 2 ? local.Month.ToString("00", CultureInfo.InvariantCulture) : local.Month.ToString(CultureInfo.InvariantCulture))} năm {local.Year}";
}
