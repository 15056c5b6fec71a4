using System.Text.RegularExpressions;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Console.Presentation;

/// <summary>
/// A refusal by a service, in Vietnamese: one message for the action, and one per field the service
/// named (INVALID_ARGUMENT's field violations in the google.rpc.Status details), keyed by the proto
/// field path (e.g. <c>applicant.phone</c>) so a form can show each next to its field. Never the
/// service's own text or a stack trace.
/// </summary>
public sealed record ServiceProblem(string Message, IReadOnlyDictionary<string, string> Fields)
{
    public string? For(string field) => Fields.TryGetValue(field, out var message) ? message : null;

    public static ServiceProblem From(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (status?.GetDetail<BadRequest>() is { } badRequest)
        {
            foreach (var violation in badRequest.FieldViolations)
            {
                fields.TryAdd(violation.Field, FieldMessage(violation.Field, violation.Description));
            }
        }
        var precondition = status?.GetDetail<PreconditionFailure>()?.Violations.FirstOrDefault();
        var message = exception.StatusCode switch
        {
            StatusCode.InvalidArgument => fields.Count > 0
                ? $"Thông tin chưa hợp lệ ({fields.Count} mục): xem các ô được đánh dấu."
                : "Thông tin chưa hợp lệ.",
            StatusCode.PermissionDenied => "Anh/chị không có quyền thực hiện thao tác này với hồ sơ hoặc đơn vị này.",
            StatusCode.Unauthenticated => "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại; nội dung đã nhập vẫn được giữ trên trang.",
            StatusCode.NotFound => "Không tìm thấy (mã không đúng, hoặc không thuộc phạm vi của anh/chị).",
            StatusCode.AlreadyExists => "Việc này đã được thực hiện trước đó.",
            StatusCode.Aborted => "Hồ sơ vừa được người khác cập nhật. Đã tải lại hồ sơ; vui lòng kiểm tra và thực hiện lại.",
            StatusCode.FailedPrecondition => Precondition(precondition?.Type),
            StatusCode.ResourceExhausted => "Tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.",
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => "Hệ thống đang bận hoặc tạm gián đoạn. Vui lòng thử lại sau giây lát; nội dung đã nhập vẫn được giữ.",
            _ => "Có lỗi xảy ra khi xử lý yêu cầu. Vui lòng thử lại hoặc báo quản trị hệ thống.",
        };
        return new ServiceProblem(message, fields);
    }

    private static string Precondition(string? type) => type switch
    {
        "DOSSIER_STATUS" => "Trạng thái hiện tại của hồ sơ không cho phép thao tác này.",
        "APOLOGY_LETTER_LIMIT" => "Hồ sơ đã có đủ số phiếu xin lỗi được phép.",
        "APOLOGY_LETTER_TOO_LATE" => "Đã quá thời điểm được phát hành phiếu xin lỗi cho hồ sơ này.",
        "AT_OTHER_AGENCY" => "Hồ sơ đang ở cơ quan liên thông; chờ cơ quan đó trả lại.",
        "REQUEST_ID_REUSED" => "Yêu cầu này đã được gửi với nội dung khác. Vui lòng tải lại trang và nhập lại.",
        "NOT_A_COMPLETION_REPORT" => "Chỉ báo cáo đạt 100% mới được xác nhận hoàn thành.",
        "REPORT_ALREADY_REVIEWED" => "Báo cáo này đã được xác nhận hoặc trả lại trước đó. Đã tải lại danh sách báo cáo.",
        "TASK_CANCELLED" => "Nhiệm vụ đã bị hủy.",
        "TASK_COMPLETED" => "Nhiệm vụ (hoặc kỳ báo cáo này) đã được xác nhận hoàn thành.",
        _ => "Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.",
    };

    /// <summary>The field's Vietnamese name and what is wrong with it, from the service's rule.</summary>
    public static string FieldMessage(string field, string description)
    {
        var label = FieldLabel(field);
        var d = description.ToLowerInvariant();
        string what;
        if (d.StartsWith("is required", StringComparison.Ordinal))
        {
            what = "bắt buộc phải nhập";
        }
        else if (Regex.Match(d, @"at most (\d+) characters") is { Success: true } max)
        {
            what = $"dài quá {max.Groups[1].Value} ký tự";
        }
        else if (field.EndsWith("identity_number", StringComparison.Ordinal))
        {
            what = "không hợp lệ (CCCD gồm 12 chữ số; mã số thuế 10 chữ số hoặc 10-3)";
        }
        else if (field.EndsWith("phone", StringComparison.Ordinal))
        {
            what = "không hợp lệ (số điện thoại Việt Nam, ví dụ 0912345678)";
        }
        else if (field.EndsWith("email", StringComparison.Ordinal))
        {
            what = "không đúng định dạng thư điện tử";
        }
        else if (d.Contains("yyyy-mm-dd", StringComparison.Ordinal) || d.Contains("working day", StringComparison.Ordinal))
        {
            what = "phải là một ngày làm việc sau ngày hẹn hiện tại";
        }
        else
        {
            what = "không hợp lệ";
        }
        return $"{label}: {what}.";
    }

    public static string FieldLabel(string field)
    {
        var path = Regex.Replace(field, @"\[\d+\]", "[]");
        return path switch
        {
            "applicant" => "Người nộp",
            "applicant.kind" => "Loại người nộp",
            "applicant.identity_number" => "Số CCCD / mã số thuế",
            "applicant.name" => "Họ tên / tên tổ chức",
            "applicant.phone" => "Số điện thoại",
            "applicant.email" => "Thư điện tử",
            "applicant.address" => "Địa chỉ",
            "procedure_code" => "Thủ tục",
            "agency_code" => "Cơ quan tiếp nhận",
            "channel" => "Hình thức nộp",
            "papers" => "Thành phần hồ sơ",
            "papers[].name" => "Tên giấy tờ",
            "papers[].kind" => "Loại bản",
            "papers[].count" => "Số lượng",
            "receiving_unit_code" => "Đơn vị tiếp nhận",
            "reason" => "Lý do",
            "supplement_requirements" => "Nội dung cần bổ sung",
            "next_unit_code" => "Đơn vị nhận",
            "new_appointment_date" => "Ngày hẹn mới",
            "agency_name" => "Tên cơ quan",
            "signer_name" => "Người ký",
            "signer_title" => "Chức danh người ký",
            "dossier_code" => "Mã hồ sơ",
            "paper_index" => "Giấy tờ",
            "file_name" => "Tên tệp",
            "media_type" => "Loại tệp",
            "content" => "Tệp quét",
            "to_agency_code" => "Cơ quan nhận liên thông",
            "to_unit_code" => "Đơn vị nhận liên thông",
            "purpose" => "Nội dung đề nghị",
            "allowance" or "allowance.amount" or "allowance.unit" => "Thời hạn liên thông",
            "outcome" => "Kết quả liên thông",
            "outcome_note" => "Ghi chú kết quả",
            "lookup_secret" => "Mã tra cứu",
            "comment" => "Góp ý",
            "overall" => "Mức độ hài lòng",
            _ => field,
        };
    }
}
