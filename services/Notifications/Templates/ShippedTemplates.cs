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
            Body = "Nhiệm vụ \"{{task_title}}\" theo {{document_symbol}} do {{lead_unit_name}} chủ trì đã quá hạn {{days_overdue}} ngày làm việc (hạn {{due_date_text}}). Đề nghị khẩn trương hoàn thành và báo cáo kết quả.",
            SampleValues = new()
            {
                ["task_title"] = "Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý",
                ["document_symbol"] = "Công văn triển khai Chỉ thị 35-CT/TU",
                ["lead_unit_name"] = "Văn phòng Sở",
                ["days_overdue"] = "3",
                ["due_date_text"] = "15/11/2026",
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
            Body = "Nhiệm vụ \"{{task_title}}\" theo {{document_symbol}} do {{lead_unit_name}} chủ trì sẽ đến hạn vào ngày {{due_date_text}}. Đề nghị đơn vị chủ động hoàn thành và báo cáo kết quả đúng hạn.",
            SampleValues = new()
            {
                ["task_title"] = "Báo cáo kết quả thực hiện Chỉ thị 35-CT/TU quý IV năm 2026",
                ["document_symbol"] = "Công văn triển khai Chỉ thị 35-CT/TU",
                ["lead_unit_name"] = "Văn phòng Sở",
                ["due_date_text"] = "15/12/2026",
            },
        },
        new()
        {
            EventType = "task.report_due",
            Channel = NotificationChannel.InApp,
            Subject = "Đến kỳ báo cáo: {{task_title}}",
            Body = "Đã đến kỳ tổng hợp \"{{task_title}}\" ({{period}}), hạn gửi ngày {{due_date_text}}. Đề nghị Văn phòng Sở đôn đốc các đơn vị gửi báo cáo.",
            SampleValues = new()
            {
                ["task_title"] = "Báo cáo kết quả quý I và kế hoạch quý II",
                ["period"] = "quý I năm 2026",
                ["due_date_text"] = "15/03/2026",
            },
        },
        new()
        {
            EventType = "dossier.step_due_soon",
            Channel = NotificationChannel.InApp,
            Subject = "Hồ sơ {{dossier_code}} sắp đến hạn",
            Body = "Hồ sơ {{dossier_code}} (thủ tục \"{{procedure_name}}\") đang được xử lý tại {{unit_name}}, hạn xử lý của đơn vị là {{step_due}}. Đề nghị xử lý kịp thời để không trễ hẹn với người dân.",
            SampleValues = new()
            {
                ["dossier_code"] = "000.00.12.H48-261118-0007",
                ["procedure_name"] = "Khai báo thiết bị X-quang chẩn đoán trong y tế",
                ["unit_name"] = "Phòng Quản lý Công nghệ và Chuyên ngành",
                ["step_due"] = "16 giờ 00 ngày 24/11/2026",
            },
        },
        new()
        {
            EventType = "dossier.step_overdue",
            Channel = NotificationChannel.InApp,
            Subject = "Hồ sơ {{dossier_code}} đã quá hạn bước xử lý",
            Body = "Hồ sơ {{dossier_code}} (thủ tục \"{{procedure_name}}\") đã quá hạn xử lý tại {{unit_name}} (hạn {{step_due}}). Nếu không kịp trả kết quả đúng hẹn, đề nghị lập văn bản xin lỗi và hẹn lại ngày trả kết quả.",
            SampleValues = new()
            {
                ["dossier_code"] = "000.00.12.H48-261103-0012",
                ["procedure_name"] = "Cấp giấy phép tiến hành công việc bức xạ",
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
        new()
        {
            EventType = "task.chase_up",
            Channel = NotificationChannel.InApp,
            Subject = "Đôn đốc: {{task_title}}",
            Body = "{{message}}",
            SampleValues = new()
            {
                ["task_title"] = "Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý",
                ["message"] = "Đề nghị Văn phòng Sở khẩn trương thực hiện nhiệm vụ \"Rà soát, đơn giản hóa thủ tục hành chính\" theo Công văn 836/SKHCN-VP, hạn 15/11/2026.",
            },
        },
        new()
        {
            EventType = "task.chase_up",
            Channel = NotificationChannel.Email,
            Subject = "Đôn đốc thực hiện nhiệm vụ: {{task_title}}",
            Body = """
                Kính gửi {{recipient_name}},

                {{message}}

                Nhiệm vụ theo {{document_symbol}}, hạn {{due_date_text}}.
                """,
            SampleValues = new()
            {
                ["recipient_name"] = "đồng chí Trưởng phòng",
                ["task_title"] = "Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý",
                ["message"] = "Đề nghị Văn phòng Sở khẩn trương thực hiện nhiệm vụ \"Rà soát, đơn giản hóa thủ tục hành chính\".",
                ["document_symbol"] = "836/SKHCN-VP",
                ["due_date_text"] = "15/11/2026",
            },
        },
        // To the applicant, by e-mail and SMS (SMS go without diacritics).
        new()
        {
            EventType = "dossier.supplement_requested",
            Channel = NotificationChannel.Email,
            Subject = "Yêu cầu bổ sung, hoàn thiện hồ sơ {{dossier_code}}",
            Body = """
                Kính gửi Ông/Bà {{applicant_name}},

                Hồ sơ mã số {{dossier_code}} của Ông/Bà đề nghị giải quyết thủ tục "{{procedure_name}}" cần được bổ sung, hoàn thiện
                theo nội dung sau: {{supplement_requirements}}.

                Thời hạn giải quyết tạm dừng trong thời gian chờ bổ sung và được tính tiếp từ khi {{agency_name}} nhận đủ hồ sơ;
                ngày hẹn trả kết quả sẽ được thông báo lại. Ông/Bà có thể tra cứu hồ sơ bằng mã tra cứu {{lookup_secret}}.

                Trân trọng.
                """,
            SampleValues = new()
            {
                ["applicant_name"] = "Nguyễn Văn An",
                ["dossier_code"] = "QT.SKHCN-261118-0007",
                ["procedure_name"] = "Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận",
                ["supplement_requirements"] = "bản sao Giấy chứng nhận hợp chuẩn còn hiệu lực",
                ["agency_name"] = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
                ["lookup_secret"] = "K7M4Q2XP",
            },
        },
        new()
        {
            EventType = "dossier.supplement_requested",
            Channel = NotificationChannel.Sms,
            Body = "Ho so {{dossier_code}} can bo sung: {{supplement_requirements}}. Thoi han giai quyet tam dung den khi nhan du ho so. Ma tra cuu: {{lookup_secret}}.",
            SampleValues = new()
            {
                ["dossier_code"] = "QT.SKHCN-261118-0007",
                ["supplement_requirements"] = "ban sao Giay chung nhan hop chuan",
                ["lookup_secret"] = "K7M4Q2XP",
            },
        },
        new()
        {
            EventType = "dossier.refused",
            Channel = NotificationChannel.Email,
            Subject = "Hồ sơ {{dossier_code}} không đủ điều kiện giải quyết",
            Body = """
                Kính gửi Ông/Bà {{applicant_name}},

                {{agency_name}} thông báo hồ sơ mã số {{dossier_code}} của Ông/Bà đề nghị giải quyết thủ tục "{{procedure_name}}"
                không được tiếp nhận, giải quyết. Lý do: {{reason}}.

                Ông/Bà có thể liên hệ Bộ phận Một cửa để được hướng dẫn.

                Trân trọng.
                """,
            SampleValues = new()
            {
                ["applicant_name"] = "Nguyễn Văn An",
                ["agency_name"] = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
                ["dossier_code"] = "QT.SKHCN-261118-0007",
                ["procedure_name"] = "Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận",
                ["reason"] = "sản phẩm không thuộc đối tượng phải công bố hợp chuẩn",
            },
        },
        new()
        {
            EventType = "dossier.refused",
            Channel = NotificationChannel.Sms,
            Body = "Ho so {{dossier_code}} khong duoc giai quyet. Ly do: {{reason}}. Vui long lien he Bo phan Mot cua de duoc huong dan.",
            SampleValues = new()
            {
                ["dossier_code"] = "QT.SKHCN-261118-0007",
                ["reason"] = "san pham khong thuoc doi tuong cong bo hop chuan",
            },
        },
        new()
        {
            EventType = "dossier.result_ready",
            Channel = NotificationChannel.Email,
            Subject = "Đã có kết quả giải quyết hồ sơ {{dossier_code}}",
            Body = """
                Kính gửi Ông/Bà {{applicant_name}},

                Hồ sơ mã số {{dossier_code}} của Ông/Bà đề nghị giải quyết thủ tục "{{procedure_name}}" đã có kết quả.
                Mời Ông/Bà nhận kết quả tại Bộ phận Một cửa của {{agency_name}} hoặc theo hình thức đã đăng ký
                (ngày hẹn trả: {{appointment_date}}).

                Trân trọng.
                """,
            SampleValues = new()
            {
                ["applicant_name"] = "Nguyễn Văn An",
                ["dossier_code"] = "QT.SKHCN-261118-0007",
                ["procedure_name"] = "Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận",
                ["agency_name"] = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
                ["appointment_date"] = "27/11/2026",
            },
        },
        new()
        {
            EventType = "dossier.result_ready",
            Channel = NotificationChannel.Sms,
            Body = "Ho so {{dossier_code}} da co ket qua. Moi Ong/Ba nhan ket qua tai Bo phan Mot cua hoac theo hinh thuc da dang ky.",
            SampleValues = new() { ["dossier_code"] = "QT.SKHCN-261118-0007" },
        },
        new()
        {
            EventType = "dossier.rating_invitation",
            Channel = NotificationChannel.Email,
            Subject = "Mời Ông/Bà đánh giá việc giải quyết hồ sơ {{dossier_code}}",
            Body = """
                Kính gửi Ông/Bà {{applicant_name}},

                Cảm ơn Ông/Bà đã sử dụng dịch vụ công của {{agency_name}}. Hồ sơ mã số {{dossier_code}} (thủ tục "{{procedure_name}}")
                đã được trả kết quả. Kính mời Ông/Bà đánh giá mức độ hài lòng trên Cổng dịch vụ công của tỉnh, với mã hồ sơ
                và mã tra cứu {{lookup_secret}}. Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.

                Trân trọng.
                """,
            SampleValues = new()
            {
                ["applicant_name"] = "Nguyễn Văn An",
                ["agency_name"] = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
                ["dossier_code"] = "QT.SKHCN-261118-0007",
                ["procedure_name"] = "Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận",
                ["lookup_secret"] = "K7M4Q2XP",
            },
        },
        new()
        {
            EventType = "dossier.rating_invitation",
            Channel = NotificationChannel.Sms,
            Body = "Cam on Ong/Ba da su dung dich vu cong. Moi danh gia muc do hai long ve ho so {{dossier_code}} tren Cong dich vu cong cua tinh, ma tra cuu {{lookup_secret}}.",
            SampleValues = new() { ["dossier_code"] = "QT.SKHCN-261118-0007", ["lookup_secret"] = "K7M4Q2XP" },
        },
        // To officials by e-mail: what their inbox says.
        new()
        {
            EventType = "task.overdue",
            Channel = NotificationChannel.Email,
            Subject = "Nhiệm vụ quá hạn: {{task_title}}",
            Body = """
                Kính gửi {{recipient_name}},

                Nhiệm vụ "{{task_title}}" theo {{document_symbol}} do {{lead_unit_name}} chủ trì đã quá hạn {{days_overdue}} ngày làm việc
                (hạn {{due_date_text}}). Đề nghị đơn vị khẩn trương hoàn thành và báo cáo kết quả trên hệ thống.
                """,
            SampleValues = new()
            {
                ["recipient_name"] = "đồng chí Trưởng phòng",
                ["task_title"] = "Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý",
                ["document_symbol"] = "Công văn triển khai Chỉ thị 35-CT/TU",
                ["lead_unit_name"] = "Văn phòng Sở",
                ["days_overdue"] = "3",
                ["due_date_text"] = "15/11/2026",
            },
        },
        new()
        {
            EventType = "task.deadline_approaching",
            Channel = NotificationChannel.Email,
            Subject = "Sắp đến hạn: {{task_title}}",
            Body = """
                Kính gửi {{recipient_name}},

                Nhiệm vụ "{{task_title}}" theo {{document_symbol}} do {{lead_unit_name}} chủ trì sẽ đến hạn vào ngày {{due_date_text}}.
                Đề nghị đơn vị chủ động hoàn thành và báo cáo kết quả đúng hạn.
                """,
            SampleValues = new()
            {
                ["recipient_name"] = "đồng chí Trưởng phòng",
                ["task_title"] = "Báo cáo kết quả thực hiện Chỉ thị 35-CT/TU quý IV năm 2026",
                ["document_symbol"] = "Công văn triển khai Chỉ thị 35-CT/TU",
                ["lead_unit_name"] = "Văn phòng Sở",
                ["due_date_text"] = "15/12/2026",
            },
        },
        new()
        {
            EventType = "dossier.step_overdue",
            Channel = NotificationChannel.Email,
            Subject = "Hồ sơ {{dossier_code}} đã quá hạn bước xử lý",
            Body = """
                Kính gửi {{recipient_name}},

                Hồ sơ {{dossier_code}} (thủ tục "{{procedure_name}}") đã quá hạn xử lý tại {{unit_name}} (hạn {{step_due}}).
                Nếu không kịp trả kết quả đúng hẹn, đề nghị lập văn bản xin lỗi và hẹn lại ngày trả kết quả.
                """,
            SampleValues = new()
            {
                ["recipient_name"] = "đồng chí Trưởng phòng",
                ["dossier_code"] = "QT.SKHCN-261103-0012",
                ["procedure_name"] = "Cấp giấy phép tiến hành công việc bức xạ",
                ["unit_name"] = "Phòng Quản lý Công nghệ và Chuyên ngành",
                ["step_due"] = "17 giờ 00 ngày 17/11/2026",
            },
        },
        new()
        {
            EventType = "calendar.year_provisional",
            Channel = NotificationChannel.InApp,
            Subject = "Chưa có lịch nghỉ chính thức năm {{year}}",
            Body = "Đến ngày {{notice_date}}, lịch nghỉ lễ, Tết chính thức năm {{year}} chưa được nhập vào hệ thống. Ngày hẹn trả kết quả của các hồ sơ kéo dài sang năm {{year}} đang được tính tạm theo Bộ luật Lao động 2019, Điều 112 ({{derived_day_count}} ngày nghỉ: {{derived_days}}) và được đánh dấu là tạm tính. Đề nghị theo dõi thông báo của Thủ tướng Chính phủ, nhập các ngày nghỉ, ngày làm bù năm {{year}} và xác nhận lịch chính thức.",
            SampleValues = new()
            {
                ["year"] = "2027",
                ["notice_date"] = "01/11/2026",
                ["derived_day_count"] = "11",
                ["derived_days"] = "01/01/2027 (Tết Dương lịch); 05/02/2027 (Tết Nguyên đán Đinh Mùi)",
            },
        },
        new()
        {
            EventType = "calendar.year_provisional",
            Channel = NotificationChannel.Email,
            Subject = "Chưa có lịch nghỉ chính thức năm {{year}}",
            Body = """
                Kính gửi {{recipient_name}},

                Đến ngày {{notice_date}}, lịch nghỉ lễ, Tết chính thức năm {{year}} dành cho cán bộ, công chức, viên chức chưa được nhập vào hệ thống.
                Trong khi chờ, ngày hẹn trả kết quả của các hồ sơ kéo dài sang năm {{year}} được tính tạm theo Bộ luật Lao động 2019, Điều 112 và Điều 111 (nghỉ bù), gồm {{derived_day_count}} ngày nghỉ:
                {{derived_days}}.
                Các hồ sơ này được đánh dấu là tính theo lịch tạm; ngày hẹn đã cấp không bị tính lại.

                Đề nghị đồng chí theo dõi thông báo lịch nghỉ Tết Âm lịch, Quốc khánh và hoán đổi ngày làm việc năm {{year}} của Thủ tướng Chính phủ, nhập các ngày nghỉ, ngày làm bù và xác nhận lịch chính thức của năm {{year}}.

                Trân trọng.
                """,
            SampleValues = new()
            {
                ["recipient_name"] = "Nguyễn Văn Quản",
                ["year"] = "2027",
                ["notice_date"] = "01/11/2026",
                ["derived_day_count"] = "11",
                ["derived_days"] = "01/01/2027 (Tết Dương lịch); 05/02/2027 (Tết Nguyên đán Đinh Mùi)",
            },
        },
        new()
        {
            EventType = Digest.DailyDigest.Kind,
            Channel = NotificationChannel.Email,
            Subject = "Tổng hợp ngày {{date}}: {{count}} việc quá hạn chưa hoàn thành",
            Body = """
                Kính gửi {{recipient_name}},

                Đến ngày {{date}}, đơn vị {{unit_code}} và các đơn vị trực thuộc còn {{count}} việc quá hạn chưa hoàn thành:

                {{items}}

                Đề nghị đồng chí chỉ đạo xử lý dứt điểm.
                """,
            SampleValues = new()
            {
                ["recipient_name"] = "Trần Văn Cường",
                ["date"] = "23/11/2026",
                ["unit_code"] = "QT.SKHCN.VP",
                ["count"] = "2",
                ["items"] = "1. Nhiệm vụ \"Rà soát thủ tục hành chính\" (35-CT/TU) — hạn 15/11/2026 (đơn vị QT.SKHCN.VP)\n2. Hồ sơ QT.SKHCN-261103-0012 — hạn 17/11/2026 (đơn vị QT.SKHCN.VP.TH)",
            },
        },
    ];
}
