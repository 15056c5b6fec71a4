namespace Cchc.Notifications.Templates;

/// <summary>
/// The wording that ships with Cchc, in polite administrative Vietnamese. Editing happens by
/// publishing a new version through the API; these are version 1.
/// </summary>
public static class ShippedTemplates
{
    public static IReadOnlyList<MessageTemplate> All { get; } =
    [
        new()
        {
            EventType = "dossier.received",
            Channel = NotificationChannel.Email,
            Subject = "Tiếp nhận hồ sơ {{dossier_code}}",
            Body = """
                Kính gửi Ông/Bà {{applicant_name}},

                {{agency_name}} đã tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục "{{procedure_name}}".
                Mã hồ sơ: {{dossier_code}}.
                Thời gian tiếp nhận: {{received_at}}.
                Ngày hẹn trả kết quả: {{appointment_date}}.

                Ông/Bà có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu {{lookup_secret}}.

                Trân trọng.
                """,
            SampleValues = new()
            {
                ["applicant_name"] = "Nguyễn Văn An",
                ["agency_name"] = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
                ["procedure_name"] = "Khai báo thiết bị X-quang chẩn đoán trong y tế",
                ["dossier_code"] = "000.00.12.H48-261118-0007",
                ["received_at"] = "09 giờ 15 phút, ngày 18/11/2026",
                ["appointment_date"] = "ngày 27/11/2026",
                ["lookup_secret"] = "K7M4Q2XP",
            },
        },
        new()
        {
            EventType = "dossier.received",
            Channel = NotificationChannel.Sms,
            Body = "{{agency_short_name}} da tiep nhan ho so {{dossier_code}}. Hen tra ket qua ngay {{appointment_date}}. Ma tra cuu: {{lookup_secret}}.",
            SampleValues = new()
            {
                ["agency_short_name"] = "So KHCN Quang Tri",
                ["dossier_code"] = "000.00.12.H48-261118-0007",
                ["appointment_date"] = "27/11/2026",
                ["lookup_secret"] = "K7M4Q2XP",
            },
        },
        new()
        {
            EventType = "dossier.apology_issued",
            Channel = NotificationChannel.Email,
            Subject = "Phiếu xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{dossier_code}}",
            Body = """
                Kính gửi Ông/Bà {{applicant_name}},

                Ngày {{received_date}}, {{agency_name}} đã tiếp nhận hồ sơ mã số {{dossier_code}} của Ông/Bà
                đề nghị giải quyết thủ tục "{{procedure_name}}", hẹn trả kết quả vào ngày {{old_appointment_date}}.

                Tuy nhiên, đến nay cơ quan chưa trả được kết quả đúng hẹn. Lý do: {{reason}}.

                {{agency_name}} thành thật xin lỗi Ông/Bà vì sự chậm trễ này và xin hẹn lại thời gian trả kết quả
                vào ngày {{new_appointment_date}}.

                Rất mong nhận được sự thông cảm của Ông/Bà.

                {{signer_title}}
                {{signer_name}}
                """,
            SampleValues = new()
            {
                ["applicant_name"] = "Nguyễn Văn An",
                ["agency_name"] = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
                ["dossier_code"] = "000.00.12.H48-261103-0012",
                ["procedure_name"] = "Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)",
                ["received_date"] = "03/11/2026",
                ["old_appointment_date"] = "18/11/2026",
                ["reason"] = "cần thêm thời gian thẩm định hồ sơ kỹ thuật của thiết bị",
                ["new_appointment_date"] = "25/11/2026",
                ["signer_title"] = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
                ["signer_name"] = "Trần Thị Bình",
            },
        },
        new()
        {
            EventType = "task.overdue",
            Channel = NotificationChannel.InApp,
            Subject = "Nhiệm vụ quá hạn: {{task_title}}",
            Body = "Nhiệm vụ \"{{task_title}}\" theo {{document_symbol}} do {{lead_unit_name}} chủ trì đã quá hạn {{days_overdue}} ngày làm việc (hạn {{deadline}}). Đề nghị khẩn trương hoàn thành và báo cáo kết quả.",
            SampleValues = new()
            {
                ["task_title"] = "Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý",
                ["document_symbol"] = "Công văn triển khai Chỉ thị 35-CT/TU",
                ["lead_unit_name"] = "Văn phòng Sở",
                ["days_overdue"] = "3",
                ["deadline"] = "15/11/2026",
            },
        },
        new()
        {
            EventType = "index.rank_fell",
            Channel = NotificationChannel.Email,
            Subject = "{{index_name}} năm {{year}}: thứ hạng giảm",
            Body = "{{index_name}} năm {{year}} của {{subject_name}} xếp thứ {{rank}}/{{ranked_count}}, giảm {{rank_drop}} bậc so với năm {{previous_year}} ({{previous_rank}}/{{previous_ranked_count}}).",
            SampleValues = new()
            {
                ["index_name"] = "Chỉ số PAPI",
                ["year"] = "2022",
                ["subject_name"] = "tỉnh Quảng Trị",
                ["rank"] = "37",
                ["ranked_count"] = "63",
                ["rank_drop"] = "9",
                ["previous_year"] = "2021",
                ["previous_rank"] = "28",
                ["previous_ranked_count"] = "63",
            },
        },
    ];
}
