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
        new()
        {
            EventType = "task.deadline_approaching",
            Channel = NotificationChannel.InApp,
            Subject = "Sắp đến hạn: {{task_title}}",
            Body = "Nhiệm vụ \"{{task_title}}\" theo {{document_symbol}} do {{lead_unit_name}} chủ trì sẽ đến hạn vào ngày {{deadline}}. Đề nghị đơn vị chủ động hoàn thành và báo cáo kết quả đúng hạn.",
            SampleValues = new()
            {
                ["task_title"] = "Báo cáo kết quả thực hiện Chỉ thị 35-CT/TU quý IV năm 2026",
                ["document_symbol"] = "Công văn triển khai Chỉ thị 35-CT/TU",
                ["lead_unit_name"] = "Văn phòng Sở",
                ["deadline"] = "15/12/2026",
            },
        },
        new()
        {
            EventType = "task.report_due",
            Channel = NotificationChannel.InApp,
            Subject = "Đến kỳ báo cáo: {{report_title}}",
            Body = "Đã đến kỳ tổng hợp \"{{report_title}}\" ({{period}}), hạn gửi ngày {{deadline}}. Đề nghị Văn phòng Sở đôn đốc các đơn vị gửi báo cáo.",
            SampleValues = new()
            {
                ["report_title"] = "Báo cáo kết quả quý I và kế hoạch quý II",
                ["period"] = "quý I năm 2026",
                ["deadline"] = "15/03/2026",
            },
        },
        new()
        {
            EventType = "dossier.step_due_soon",
            Channel = NotificationChannel.InApp,
            Subject = "Hồ sơ {{dossier_code}} sắp đến hạn",
            Body = "Hồ sơ {{dossier_code}} (thủ tục \"{{procedure_name}}\") đang ở bước {{step_name}} tại {{unit_name}}, hạn xử lý bước này là {{step_due}}. Đề nghị xử lý kịp thời để không trễ hẹn với người dân.",
            SampleValues = new()
            {
                ["dossier_code"] = "000.00.12.H48-261118-0007",
                ["procedure_name"] = "Khai báo thiết bị X-quang chẩn đoán trong y tế",
                ["step_name"] = "Thẩm định hồ sơ",
                ["unit_name"] = "Phòng Quản lý Công nghệ và Chuyên ngành",
                ["step_due"] = "16 giờ 00 ngày 24/11/2026",
            },
        },
        new()
        {
            EventType = "dossier.step_overdue",
            Channel = NotificationChannel.InApp,
            Subject = "Hồ sơ {{dossier_code}} đã quá hạn bước xử lý",
            Body = "Hồ sơ {{dossier_code}} (thủ tục \"{{procedure_name}}\") đã quá hạn bước {{step_name}} tại {{unit_name}} (hạn {{step_due}}). Nếu không kịp trả kết quả đúng hẹn, đề nghị lập văn bản xin lỗi và hẹn lại ngày trả kết quả.",
            SampleValues = new()
            {
                ["dossier_code"] = "000.00.12.H48-261103-0012",
                ["procedure_name"] = "Cấp giấy phép tiến hành công việc bức xạ",
                ["step_name"] = "Thẩm định hồ sơ",
                ["unit_name"] = "Phòng Quản lý Công nghệ và Chuyên ngành",
                ["step_due"] = "17 giờ 00 ngày 17/11/2026",
            },
        },
        new()
        {
            EventType = "index.rank_fell",
            Channel = NotificationChannel.InApp,
            Subject = "{{index_name}} năm {{year}}: thứ hạng giảm {{rank_drop}} bậc",
            Body = "{{index_name}} năm {{year}} của {{subject_name}} xếp thứ {{rank}}/{{ranked_count}}, giảm {{rank_drop}} bậc so với năm {{previous_year}}. Đề nghị xem các chỉ số thành phần yếu nhất và kế hoạch khắc phục.",
            SampleValues = new()
            {
                ["index_name"] = "Chỉ số PAPI",
                ["year"] = "2022",
                ["subject_name"] = "tỉnh Quảng Trị",
                ["rank"] = "37",
                ["ranked_count"] = "63",
                ["rank_drop"] = "9",
                ["previous_year"] = "2021",
            },
        },
    ];
}
