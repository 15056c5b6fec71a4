using Cchc.Dossiers.V1;
using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Channel = Cchc.Notifications.V1.Channel;
using QuietHours = Cchc.Notifications.V1.QuietHours;
using Recipient = Cchc.Notifications.V1.Recipient;

namespace Cchc.Notifications.Tests;

/// <summary>E-mail through a real SMTP server and SMS through a real HTTP gateway, to applicants and officials.</summary>
public sealed class MessagingTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly MessageService.MessageServiceClient _messages = new(fixture.Notifications.CreateChannel());
    private readonly RecipientService.RecipientServiceClient _recipients = new(fixture.Notifications.CreateChannel());
    private readonly WebhookService.WebhookServiceClient _events = new(fixture.Notifications.CreateChannel());

    private static string Unit() => $"QT.T{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

    private async Task<Recipient> OfficialAsync(string unit, string name, bool head = false, string? email = null, string phone = "",
        IEnumerable<Channel>? channels = null, IEnumerable<string>? muted = null, QuietHours? quiet = null)
    {
        var id = $"official-{Guid.NewGuid():N}";
        var preferences = new Preferences { Email = email ?? $"{id}@skhcn.quangtri.gov.vn", Phone = phone, QuietHours = quiet ?? new QuietHours() };
        preferences.Channels.AddRange(channels ?? [Channel.Email]);
        preferences.MutedKinds.AddRange(muted ?? []);
        return await _recipients.UpsertRecipientAsync(new UpsertRecipientRequest
        {
            Recipient = new Recipient { OfficialId = id, DisplayName = name, UnitCode = unit, UnitHead = head, Preferences = preferences },
        });
    }

    private static Struct TaskPayload(string unit, string taskId, string title = "Rà soát, đơn giản hóa thủ tục hành chính") => new()
    {
        Fields =
        {
            ["task_id"] = Value.ForString(taskId),
            ["lead_unit_code"] = Value.ForString(unit),
            ["task_title"] = Value.ForString(title),
            ["document_symbol"] = Value.ForString("Công văn 836/SKHCN-VP"),
            ["lead_unit_name"] = Value.ForString("Văn phòng Sở"),
            ["days_overdue"] = Value.ForString("3"),
            ["due_date_text"] = Value.ForString("15/11/2026"),
        },
    };

    private Task<PublishEventResponse> PublishAsync(string type, string subject, Struct payload, string? key = null) =>
        ProducerEvents.TakeInAsync(fixture.Notifications, type, subject, payload, key);

    private async Task<IReadOnlyList<Message>> MessagesAsync(ListMessagesRequest request) => (await _messages.ListMessagesAsync(request)).Messages;

    private async Task<IReadOnlyList<Message>> WaitForMessagesAsync(ListMessagesRequest request, Func<IReadOnlyList<Message>, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var messages = await MessagesAsync(request);
            if (condition(messages))
            {
                return messages;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The delivery log shows {string.Join(", ", messages.Select(m => $"{m.Kind}/{m.Channel}/{m.Status}/{m.Note}"))}.");
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_applicant_receives_the_receipt_by_email_and_SMS_from_the_Dossiers_feed_with_their_lookup_secret()
    {
        var agency = "QT.SKHCN";
        var procedureCode = $"1.{Random.Shared.Next(100_000, 999_999)}";
        var catalog = new ProcedureCatalog.ProcedureCatalogClient(fixture.Dossiers.CreateChannel(TestIdentity.Administrator));
        await catalog.CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = new Procedure
            {
                Code = procedureCode,
                Name = "Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận",
                Field = "Tiêu chuẩn, Đo lường, Chất lượng",
                AgencyCode = agency,
                ProcessingUnitCode = $"{agency}.TDC",
                StatutoryTime = new StatutoryTime { Amount = "5", Unit = DurationUnit.WorkingDays },
                OnlineLevel = OnlineLevel.Full,
            },
        });
        var desk = new DossierService.DossierServiceClient(fixture.Dossiers.CreateChannel(TestIdentity.Token(Roles.DeskOfficer, $"{agency}.MC", agency)));
        var email = $"hoa.{Guid.NewGuid():N}@example.vn";
        var receipt = (await desk.ReceiveDossierAsync(new ReceiveDossierRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Applicant = new Applicant
            {
                Kind = ApplicantKind.Person,
                IdentityNumber = "045090001234",
                Name = "Nguyễn Thị Hoa",
                Phone = "0912345678",
                Email = email,
                Address = "12 Hùng Vương, phường Đông Hà, tỉnh Quảng Trị",
            },
            ProcedureCode = procedureCode,
            AgencyCode = agency,
            Channel = IntakeChannel.InPerson,
            Papers = { new Paper { Name = "Bản công bố hợp chuẩn", Kind = PaperKind.Original, Count = 1 } },
        })).Receipt;

        var mail = (await fixture.Mail.WaitUntilAsync(m => m.Any(x => x.To == email), Patience)).Single(x => x.To == email);
        Assert.Equal($"Tiếp nhận hồ sơ {receipt.DossierCode}", mail.Subject);
        Assert.Equal("Nguyễn Thị Hoa", mail.ToName);
        Assert.Contains("Kính gửi Ông/Bà Nguyễn Thị Hoa", mail.Body);
        Assert.Contains("\"Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận\"", mail.Body);
        Assert.Contains(receipt.LookupSecret, mail.Body);
        Assert.Contains(DateOnly.ParseExact(receipt.DueAtLocal[..10], "yyyy-MM-dd").ToString("dd/MM/yyyy"), mail.Body);

        await fixture.Sms.WaitUntilAsync(s => s.Any(x => x.Text.Contains(receipt.DossierCode)), Patience);
        var sms = fixture.Sms.Received.Single(x => x.Text.Contains(receipt.DossierCode));
        Assert.Equal("0912345678", sms.To);
        Assert.Equal("SOKHCN-QT", sms.Sender);
        Assert.Equal($"Bearer {fixture.Sms.ApiKey}", sms.Authorization);
        Assert.Contains(receipt.LookupSecret, sms.Text);
        // Sent without diacritics, so one message part holds 160 characters.
        Assert.All(sms.Text, c => Assert.True(c < 128, $"'{c}' is not ASCII in: {sms.Text}"));

        var log = await WaitForMessagesAsync(new ListMessagesRequest { Recipient = receipt.DossierCode }, m => m.Count == 2 && m.All(x => x.Status == MessageStatus.Sent));
        var emailed = log.Single(m => m.Channel == Channel.Email);
        Assert.Equal(RecipientKind.Applicant, emailed.RecipientKind);
        Assert.Equal("dossier.received", emailed.Kind);
        Assert.Equal(1, emailed.TemplateVersion);
        Assert.Equal(emailed.MessageId, mail.CchcMessageId);
        Assert.StartsWith("h***", emailed.Address);
        Assert.DoesNotContain(email, emailed.Address);
        // An applicant's message is not kept: it holds their name and lookup secret.
        Assert.Empty(emailed.Body);
        Assert.Equal("09******78", log.Single(m => m.Channel == Channel.Sms).Address);
        Assert.Single(emailed.Attempts);
        Assert.True(emailed.Attempts[0].Succeeded);
        Assert.Contains("OK", emailed.Attempts[0].Answer);
    }

    [Fact]
    public async Task An_applicant_with_a_phone_and_no_email_gets_the_SMS_and_no_email_is_planned_for_them()
    {
        const string agency = "QT.SKHCN";
        var procedureCode = $"1.{Random.Shared.Next(100_000, 999_999)}";
        var catalog = new ProcedureCatalog.ProcedureCatalogClient(fixture.Dossiers.CreateChannel(TestIdentity.Administrator));
        await catalog.CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = new Procedure
            {
                Code = procedureCode, Name = "Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", Field = "Hoạt động khoa học và công nghệ",
                AgencyCode = agency, ProcessingUnitCode = $"{agency}.QLKH",
                StatutoryTime = new StatutoryTime { Amount = "5", Unit = DurationUnit.WorkingDays }, OnlineLevel = OnlineLevel.Full,
            },
        });
        var desk = new DossierService.DossierServiceClient(fixture.Dossiers.CreateChannel(TestIdentity.Token(Roles.DeskOfficer, $"{agency}.MC", agency)));
        var phone = $"09{Random.Shared.Next(10_000_000, 99_999_999)}";
        var receipt = (await desk.ReceiveDossierAsync(new ReceiveDossierRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Applicant = new Applicant
            {
                Kind = ApplicantKind.Person, IdentityNumber = "045090005678", Name = "Lê Văn Cường", Phone = phone,
                Address = "3 Trần Hưng Đạo, phường Đông Hà, tỉnh Quảng Trị",
            },
            ProcedureCode = procedureCode, AgencyCode = agency, Channel = IntakeChannel.InPerson,
            Papers = { new Paper { Name = "Đơn đề nghị", Kind = PaperKind.Original, Count = 1 } },
        })).Receipt;

        await fixture.Sms.WaitUntilAsync(s => s.Any(x => x.To == phone), Patience);

        // The e-mail would have been planned with the SMS, from the same event: the log holds the SMS alone.
        var log = await WaitForMessagesAsync(new ListMessagesRequest { Recipient = receipt.DossierCode }, m => m.Any(x => x.Status == MessageStatus.Sent));
        var only = Assert.Single(log);
        Assert.Equal(Channel.Sms, only.Channel);
        Assert.Equal("dossier.received", only.Kind);
    }

    [Fact]
    public async Task An_apology_letter_reaches_the_applicant_with_its_reason_the_old_and_new_dates_and_its_signer()
    {
        const string agency = "QT.SKHCN";
        var procedureCode = $"1.{Random.Shared.Next(100_000, 999_999)}";
        var catalog = new ProcedureCatalog.ProcedureCatalogClient(fixture.Dossiers.CreateChannel(TestIdentity.Administrator));
        await catalog.CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = new Procedure
            {
                Code = procedureCode,
                Name = "Cấp giấy phép tiến hành công việc bức xạ",
                Field = "An toàn bức xạ và hạt nhân",
                AgencyCode = agency,
                ProcessingUnitCode = $"{agency}.QLCN",
                StatutoryTime = new StatutoryTime { Amount = "10", Unit = DurationUnit.WorkingDays },
                OnlineLevel = OnlineLevel.Partial,
            },
        });
        var desk = new DossierService.DossierServiceClient(fixture.Dossiers.CreateChannel(TestIdentity.Token(Roles.DeskOfficer, $"{agency}.MC", agency)));
        var email = $"binh.{Guid.NewGuid():N}@example.vn";
        var receipt = (await desk.ReceiveDossierAsync(new ReceiveDossierRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Applicant = new Applicant
            {
                Kind = ApplicantKind.Person, IdentityNumber = "045090004321", Name = "Trần Văn Bình", Phone = "0935111222", Email = email,
                Address = "5 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị",
            },
            ProcedureCode = procedureCode,
            AgencyCode = agency,
            Channel = IntakeChannel.InPerson,
            Papers = { new Paper { Name = "Đơn đề nghị cấp giấy phép", Kind = PaperKind.Original, Count = 1 } },
        })).Receipt;
        var due = DateOnly.ParseExact(receipt.DueAtLocal[..10], "yyyy-MM-dd");
        var newDate = due.AddDays(7);
        while (newDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            newDate = newDate.AddDays(1);
        }
        var head = new DossierService.DossierServiceClient(fixture.Dossiers.CreateChannel(TestIdentity.Token(Roles.UnitHead, agency, agency)));
        await head.IssueApologyLetterAsync(new IssueApologyLetterRequest
        {
            DossierCode = receipt.DossierCode,
            Etag = receipt.Etag,
            Reason = "cần thêm thời gian thẩm định hồ sơ kỹ thuật của thiết bị",
            NewAppointmentDate = newDate.ToString("yyyy-MM-dd"),
            AgencyName = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
            SignerName = "Trần Thị Bình",
            SignerTitle = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        });

        bool IsApology(ReceivedMail m) => m.To == email && m.Subject.StartsWith("Phiếu xin lỗi", StringComparison.Ordinal);
        var letter = (await fixture.Mail.WaitUntilAsync(m => m.Any(IsApology), Patience)).Single(IsApology);
        Assert.Equal($"Phiếu xin lỗi và hẹn lại ngày trả kết quả hồ sơ {receipt.DossierCode}", letter.Subject);
        Assert.Contains("Kính gửi Ông/Bà Trần Văn Bình", letter.Body);
        Assert.Contains("Lý do: cần thêm thời gian thẩm định hồ sơ kỹ thuật của thiết bị.", letter.Body);
        Assert.Contains($"hẹn trả kết quả vào ngày {due:dd/MM/yyyy}", letter.Body);
        Assert.Contains($"vào ngày {newDate:dd/MM/yyyy}.", letter.Body);
        Assert.Contains("Trần Thị Bình", letter.Body);
    }

    [Fact]
    public async Task Officials_of_the_lead_unit_are_told_by_their_channels_and_a_muted_kind_stays_quiet_unless_urgent()
    {
        var unit = Unit();
        var head = await OfficialAsync(unit, "Trần Văn Cường", head: true, channels: [Channel.Email, Channel.Sms], phone: "0987654321");
        var muting = await OfficialAsync(unit, "Lê Thị Mai", muted: ["task.deadline_approaching", "task.overdue"]);
        var elsewhere = await OfficialAsync(Unit(), "Phạm Văn Nam");

        var approaching = TaskPayload(unit, Guid.NewGuid().ToString());
        await PublishAsync("task.deadline_approaching", $"task-{Guid.NewGuid():N}", approaching);
        var overdueEvent = await PublishAsync("task.overdue", $"task-{Guid.NewGuid():N}", TaskPayload(unit, Guid.NewGuid().ToString()));

        await fixture.Mail.WaitUntilAsync(m => m.Count(x => x.To == head.Preferences.Email) == 2 && m.Any(x => x.To == muting.Preferences.Email), Patience);
        var headMail = fixture.Mail.Received.Where(x => x.To == head.Preferences.Email).ToList();
        Assert.Contains(headMail, m => m.Subject == "Sắp đến hạn: Rà soát, đơn giản hóa thủ tục hành chính");
        var overdue = headMail.Single(m => m.Subject == "Nhiệm vụ quá hạn: Rà soát, đơn giản hóa thủ tục hành chính");
        Assert.Contains("Kính gửi Trần Văn Cường", overdue.Body);
        Assert.Contains("đã quá hạn 3 ngày làm việc", overdue.Body);
        Assert.Contains("(hạn 15/11/2026)", overdue.Body);
        // The muted official hears only of the urgent one.
        Assert.Equal(["Nhiệm vụ quá hạn: Rà soát, đơn giản hóa thủ tục hành chính"], fixture.Mail.Received.Where(x => x.To == muting.Preferences.Email).Select(x => x.Subject));
        Assert.DoesNotContain(fixture.Mail.Received, x => x.To == elsewhere.Preferences.Email);
        // The head also chose SMS; the SMS template of task.overdue does not exist, so only e-mail went.
        var log = await MessagesAsync(new ListMessagesRequest { EventId = overdueEvent.EventId });
        Assert.Equal(2, log.Count);
        Assert.All(log, m => Assert.Equal(Channel.Email, m.Channel));
        Assert.Contains(log, m => m.Recipient == head.OfficialId && m.Body.Contains("đã quá hạn 3 ngày làm việc"));
    }

    [Fact]
    public async Task A_repeated_notification_key_sends_once_and_quiet_hours_hold_all_but_urgent_messages()
    {
        var unit = Unit();
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var quiet = new QuietHours { From = now.AddHours(-1).ToString("HH:mm"), Until = now.AddHours(2).ToString("HH:mm") };
        var sleeper = await OfficialAsync(unit, "Đỗ Thị Lan", quiet: quiet);
        var awake = await OfficialAsync(unit, "Hoàng Văn Đức");

        var taskId = Guid.NewGuid().ToString();
        var chaseUp = TaskPayload(unit, taskId);
        chaseUp.Fields["notification_key"] = Value.ForString($"chase-up:{taskId}:2026-11-22");
        var first = await PublishAsync("task.deadline_approaching", $"task-{taskId}", chaseUp);
        var second = await PublishAsync("task.deadline_approaching", $"task-{taskId}", chaseUp);
        Assert.NotEqual(first.EventId, second.EventId);
        var urgent = await PublishAsync("task.overdue", $"task-{taskId}", TaskPayload(unit, taskId));

        await fixture.Mail.WaitUntilAsync(m => m.Any(x => x.To == awake.Preferences.Email && x.Subject.StartsWith("Sắp đến hạn"))
            && m.Any(x => x.To == sleeper.Preferences.Email && x.Subject.StartsWith("Nhiệm vụ quá hạn")), Patience);
        Assert.Single(fixture.Mail.Received, x => x.To == awake.Preferences.Email && x.Subject.StartsWith("Sắp đến hạn"));
        Assert.Empty(await MessagesAsync(new ListMessagesRequest { EventId = second.EventId }));

        var held = (await MessagesAsync(new ListMessagesRequest { Recipient = sleeper.OfficialId, Kind = "task.deadline_approaching" })).Single();
        Assert.Equal(MessageStatus.Pending, held.Status);
        Assert.Equal(0, held.AttemptCount);
        Assert.StartsWith("quiet hours: held until " + quiet.Until, held.Note);
        Assert.DoesNotContain(fixture.Mail.Received, x => x.To == sleeper.Preferences.Email && x.Subject.StartsWith("Sắp đến hạn"));
        Assert.Equal(MessageStatus.Sent, (await MessagesAsync(new ListMessagesRequest { EventId = urgent.EventId, Recipient = sleeper.OfficialId })).Single().Status);
    }

    [Fact]
    public async Task An_SMTP_outage_delays_mail_and_loses_none_and_a_template_gap_is_dead_lettered_then_replayed_after_a_fix()
    {
        var unit = Unit();
        var official = await OfficialAsync(unit, "Vũ Thị Hạnh");
        await fixture.Mail.StopAsync();
        try
        {
            var published = await PublishAsync("task.overdue", $"task-{Guid.NewGuid():N}", TaskPayload(unit, Guid.NewGuid().ToString()));
            var failing = await WaitForMessagesAsync(new ListMessagesRequest { EventId = published.EventId }, m => m.Count == 1 && m[0].AttemptCount >= 3);
            Assert.Equal(MessageStatus.Pending, failing[0].Status);
            Assert.All(failing[0].Attempts, a => Assert.False(a.Succeeded));
        }
        finally
        {
            await fixture.Mail.StartAsync();
        }
        await fixture.Mail.WaitUntilAsync(m => m.Any(x => x.To == official.Preferences.Email), Patience);
        Assert.Single(fixture.Mail.Received, x => x.To == official.Preferences.Email);

        // A payload without the values the template needs: nothing with gaps goes out; an operator is alerted.
        var gap = new Struct { Fields = { ["lead_unit_code"] = Value.ForString(unit), ["task_title"] = Value.ForString("Báo cáo quý IV") } };
        var broken = await PublishAsync("task.deadline_approaching", $"task-{Guid.NewGuid():N}", gap);
        var dead = (await WaitForMessagesAsync(new ListMessagesRequest { EventId = broken.EventId }, m => m.Count == 1 && m[0].Status == MessageStatus.Dead)).Single();
        Assert.Contains("document_symbol", dead.Attempts.Single().Answer);
        var health = await _events.GetDeliveryHealthAsync(new GetDeliveryHealthRequest());
        Assert.Contains(health.OpenAlerts, a => a.Message.Contains(dead.MessageId));

        var templates = new TemplateService.TemplateServiceClient(fixture.Notifications.CreateChannel());
        var fixedTemplate = await templates.PublishTemplateAsync(new PublishTemplateRequest
        {
            EventType = "task.deadline_approaching",
            Channel = Channel.Email,
            Subject = "Sắp đến hạn: {{task_title}}",
            Body = "Kính gửi {{recipient_name}},\n\nNhiệm vụ \"{{task_title}}\" của đơn vị sắp đến hạn. Đề nghị hoàn thành và báo cáo đúng hạn.",
            SampleValues = { ["recipient_name"] = "đồng chí Trưởng phòng", ["task_title"] = "Báo cáo quý IV" },
        });
        var replayed = await _messages.ReplayMessagesAsync(new ReplayMessagesRequest { MessageIds = { dead.MessageId } });
        Assert.Equal(1, replayed.Replayed);
        var sent = (await WaitForMessagesAsync(new ListMessagesRequest { EventId = broken.EventId }, m => m[0].Status == MessageStatus.Sent)).Single();
        Assert.Equal(fixedTemplate.Template.Version, sent.TemplateVersion);
        Assert.Contains(fixture.Mail.Received, x => x.To == official.Preferences.Email && x.Subject == "Sắp đến hạn: Báo cáo quý IV");
    }

    [Fact]
    public async Task Each_unit_head_gets_one_daily_digest_of_what_is_still_overdue_below_them()
    {
        var unit = Unit();
        var head = await OfficialAsync(unit, "Nguyễn Văn Hùng", head: true);
        await OfficialAsync(unit + ".TH", "Trịnh Thị Thu");
        var closedTask = Guid.NewGuid().ToString();
        await PublishAsync("task.overdue", $"task-{closedTask}", TaskPayload(unit, closedTask, "Nhiệm vụ đã hoàn thành sau đó"));
        var openTask = Guid.NewGuid().ToString();
        await PublishAsync("task.overdue", $"task-{openTask}", TaskPayload(unit + ".TH", openTask, "Số hóa hồ sơ, kết quả giải quyết TTHC"));
        await PublishAsync("dossier.step_overdue", "QT.SKHCN-261103-0012", new Struct
        {
            Fields =
            {
                ["unit_code"] = Value.ForString(unit),
                ["procedure_name"] = Value.ForString("Cấp giấy phép tiến hành công việc bức xạ"),
                ["step_due"] = Value.ForString("17/11/2026"),
            },
        });
        await PublishAsync("task.completion_confirmed", $"task-{closedTask}", new Struct { Fields = { ["task_id"] = Value.ForString(closedTask) } });

        var items = (await _messages.ListOverdueItemsAsync(new ListOverdueItemsRequest { UnitCode = unit })).Items;
        Assert.Equal([$"task:{openTask}", "dossier:QT.SKHCN-261103-0012"], items.Select(i => i.Key));

        var first = await _messages.RunDailyDigestAsync(new RunDailyDigestRequest { Date = "2026-11-23" });
        Assert.True(first.DigestsQueued >= 1);
        var again = await _messages.RunDailyDigestAsync(new RunDailyDigestRequest { Date = "2026-11-23" });
        Assert.Equal(0, again.DigestsQueued);

        static bool IsDigest(ReceivedMail mail) => mail.Subject.StartsWith("Tổng hợp ngày", StringComparison.Ordinal);
        var digest = (await fixture.Mail.WaitUntilAsync(m => m.Any(x => x.To == head.Preferences.Email && IsDigest(x)), Patience))
            .Single(x => x.To == head.Preferences.Email && IsDigest(x));
        Assert.Equal("Tổng hợp ngày 23/11/2026: 2 việc quá hạn chưa hoàn thành", digest.Subject);
        Assert.Contains($"1. Nhiệm vụ \"Số hóa hồ sơ, kết quả giải quyết TTHC\" (Công văn 836/SKHCN-VP) — hạn 15/11/2026 (đơn vị {unit}.TH)", digest.Body);
        Assert.Contains("2. Hồ sơ QT.SKHCN-261103-0012 (Cấp giấy phép tiến hành công việc bức xạ) — hạn 17/11/2026", digest.Body);
        Assert.DoesNotContain("Nhiệm vụ đã hoàn thành sau đó", digest.Body);
    }

    [Fact]
    public async Task Overdue_items_are_listed_only_within_a_scope_and_a_token_without_unit_or_agency_lists_none()
    {
        MessageService.MessageServiceClient As(string token) => new(fixture.Notifications.CreateChannel(token));
        var noScope = As(TestIdentity.Token(Roles.DeskOfficer, null, null));
        var noScopeLeadership = As(TestIdentity.Token(Roles.Leadership, null, null));

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => noScope.ListOverdueItemsAsync(new ListOverdueItemsRequest()).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => noScopeLeadership.ListOverdueItemsAsync(new ListOverdueItemsRequest()).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => noScope.ListOverdueItemsAsync(new ListOverdueItemsRequest { UnitCode = "QT.SKHCN" }).ResponseAsync);
        var scoped = await As(TestIdentity.Token(Roles.UnitHead, "QT.SKHCN.VP", "QT.SKHCN")).ListOverdueItemsAsync(new ListOverdueItemsRequest());
        var everything = await _messages.ListOverdueItemsAsync(new ListOverdueItemsRequest());

        Assert.All(scoped.Items, i => Assert.StartsWith("QT.SKHCN.VP", i.UnitCode));
        Assert.NotNull(everything);
    }

    [Fact]
    public async Task Officials_set_their_own_preferences_field_by_field_and_bad_values_are_refused_with_their_field()
    {
        var unit = Unit();
        var official = await OfficialAsync(unit, "Phan Thị Ngọc");
        var self = new RecipientService.RecipientServiceClient(fixture.Notifications.CreateChannel(
            TestInfrastructureTokens.For(official.OfficialId, Roles.ProcessingOfficer, unit)));

        var updated = await self.UpdateMyPreferencesAsync(new UpdateMyPreferencesRequest
        {
            Preferences = new Preferences { Phone = "0905123456", QuietHours = new QuietHours { From = "21:30", Until = "06:30" } },
            UpdateMask = new FieldMask { Paths = { "phone", "quiet_hours" } },
        });
        Assert.Equal("0905123456", updated.Preferences.Phone);
        Assert.Equal(official.Preferences.Email, updated.Preferences.Email);
        Assert.Equal(("21:30", "06:30"), (updated.Preferences.QuietHours.From, updated.Preferences.QuietHours.Until));
        Assert.Equal(updated, await self.GetMyPreferencesAsync(new GetMyPreferencesRequest()));

        await RpcAssert.InvalidFields(() => self.UpdateMyPreferencesAsync(new UpdateMyPreferencesRequest
        {
            Preferences = new Preferences { Phone = "12345", QuietHours = new QuietHours { From = "25:00", Until = "06:00" } },
        }).ResponseAsync, "preferences.phone", "preferences.quiet_hours.from");
        Assert.Equal("0905123456", (await self.GetMyPreferencesAsync(new GetMyPreferencesRequest())).Preferences.Phone);
        // Three hundred bad mask paths: one bounded error, not a trailer too large for any proxy.
        var flood = new UpdateMyPreferencesRequest { Preferences = new Preferences() };
        flood.UpdateMask = new FieldMask();
        flood.UpdateMask.Paths.AddRange(Enumerable.Range(0, 300).Select(i => $"no_such_field_{i}_" + new string('x', 200)));
        var bounded = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => self.UpdateMyPreferencesAsync(flood).ResponseAsync);
        Assert.True(bounded.CalculateSize() < 32 * 1024, $"the error is {bounded.CalculateSize()} bytes");
        Assert.Contains("300 invalid fields", bounded.Message);

        var stranger = new RecipientService.RecipientServiceClient(fixture.Notifications.CreateChannel(
            TestInfrastructureTokens.For($"official-{Guid.NewGuid():N}", Roles.ProcessingOfficer, unit)));
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => stranger.UpdateMyPreferencesAsync(new UpdateMyPreferencesRequest { Preferences = new Preferences() }).ResponseAsync);
    }

    [Fact]
    public async Task A_message_claimed_by_a_dispatcher_that_died_is_taken_over_at_once_and_its_cut_off_attempt_is_logged_as_interrupted()
    {
        var official = await OfficialAsync(Unit(), "Trần Văn Bình");
        var taskId = Guid.NewGuid().ToString();
        var published = await PublishAsync("task.overdue", $"task-{taskId}", TaskPayload(official.UnitCode, taskId));
        var sent = (await WaitForMessagesAsync(new ListMessagesRequest { EventId = published.EventId }, m => m.Count == 1 && m[0].Status == MessageStatus.Sent)).Single();

        // As a dispatcher leaves it when its process is killed mid-send: claimed for an hour by an instance with no connection.
        var deadOwner = Guid.NewGuid();
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.Notifications.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var claim = new Npgsql.NpgsqlCommand(
                "UPDATE outbound_messages SET state = 1, next_attempt_at = now(), lease_until = now() + interval '1 hour', lease_owner = @owner WHERE id = @id", connection);
            claim.Parameters.AddWithValue("owner", deadOwner);
            claim.Parameters.AddWithValue("id", Guid.Parse(sent.MessageId));
            Assert.Equal(1, await claim.ExecuteNonQueryAsync());
        }

        var retaken = (await WaitForMessagesAsync(new ListMessagesRequest { EventId = published.EventId },
            m => m.Count == 1 && m[0].Status == MessageStatus.Sent && m[0].AttemptCount == 3)).Single();
        var interrupted = retaken.Attempts.Single(a => a.Number == 2);
        Assert.False(interrupted.Succeeded);
        Assert.StartsWith($"Interrupted: the dispatcher {deadOwner} stopped during this attempt", interrupted.Answer);
        Assert.True(retaken.Attempts.Single(a => a.Number == 3).Succeeded);
        await fixture.Mail.WaitUntilAsync(m => m.Count(x => x.To == official.Preferences.Email) == 2, Patience);
    }
}

internal static class TestInfrastructureTokens
{
    public static string For(string subject, string role, string unit) =>
        TestIdentity.Issuer.Issue(subject, subject, [role], unit, "QT", TimeSpan.FromHours(1));
}

/// <summary>Changes of the Directives and Indexes feeds, in their producers' own shapes, become messages without gaps.</summary>
public sealed class ProducerFeedTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    private async Task TakeInAsync(string feed, params Feeds.FeedChange[] changes)
    {
        await using var scope = fixture.Notifications.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.NotificationsDbContext>();
        await Feeds.FeedConsumer.TakeInAsync(scope.ServiceProvider.GetRequiredService<Events.EventIntake>(), db, feed, null, changes, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<Messages.MessageSignal>().Notify();
    }

    [Fact]
    public async Task An_overdue_task_from_the_Directives_feed_reaches_its_lead_units_officials_by_email_with_Vietnamese_dates()
    {
        var unit = $"QT.D{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var recipients = new RecipientService.RecipientServiceClient(fixture.Notifications.CreateChannel());
        var official = (await recipients.UpsertRecipientAsync(new UpsertRecipientRequest
        {
            Recipient = new Recipient
            {
                OfficialId = $"official-{Guid.NewGuid():N}",
                DisplayName = "Ngô Văn Toàn",
                UnitCode = unit,
                Preferences = new Preferences { Email = $"toan.{Guid.NewGuid():N}@skhcn.quangtri.gov.vn", Channels = { Channel.Email } },
            },
        }));
        var taskId = Guid.NewGuid().ToString();
        // As Directives writes it (EventPayloads.TaskFacts plus the overdue notice's details).
        var change = new Cchc.Directives.V1.DirectiveChange
        {
            Sequence = Random.Shared.Next(1, int.MaxValue),
            Type = "task.overdue",
            Subject = $"tasks/{taskId}",
            TaskId = taskId,
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Payload = Struct.Parser.ParseJson($$"""
                {"taskId":"{{taskId}}","documentSymbol":"836/SKHCN-VP","number":"4","title":"Tổ chức đối thoại với người dân, doanh nghiệp",
                 "leadUnitCode":"{{unit}}","leadUnitName":"Văn phòng Sở","followUpUnitCode":"{{unit}}","agencyCode":"QT.SKHCN",
                 "deadline":"2026-11-13","dueDate":"2026-11-16","status":"OVERDUE","percent":40,"workingDaysLate":4}
                """),
        };
        await TakeInAsync("directives-test", Feeds.DirectiveFeedConsumer.ToFeedChange(change));

        var mail = (await fixture.Mail.WaitUntilAsync(m => m.Any(x => x.To == official.Preferences.Email), TimeSpan.FromSeconds(30)))
            .Single(x => x.To == official.Preferences.Email);
        Assert.Equal("Nhiệm vụ quá hạn: Tổ chức đối thoại với người dân, doanh nghiệp", mail.Subject);
        Assert.Contains("theo 836/SKHCN-VP do Văn phòng Sở chủ trì đã quá hạn 4 ngày làm việc", mail.Body.ReplaceLineEndings(" ").Replace("  ", " "));
        Assert.Contains("(hạn 16/11/2026)", mail.Body);

        var inbox = new InboxService.InboxServiceClient(fixture.Notifications.CreateChannel(TestIdentity.Token(Roles.ProcessingOfficer, unit, "QT.SKHCN")));
        var item = Assert.Single((await inbox.ListInboxAsync(new ListInboxRequest())).Items);
        Assert.Contains("quá hạn 4 ngày làm việc (hạn 16/11/2026)", item.Body);
    }

    [Fact]
    public async Task A_dossier_step_overdue_from_the_Dossiers_feed_reaches_the_processing_units_officials_and_its_head()
    {
        var unit = $"QT.S{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var recipients = new RecipientService.RecipientServiceClient(fixture.Notifications.CreateChannel());
        var head = await recipients.UpsertRecipientAsync(new UpsertRecipientRequest
        {
            Recipient = new Recipient
            {
                OfficialId = $"official-{Guid.NewGuid():N}",
                DisplayName = "Đặng Văn Long",
                UnitCode = unit,
                UnitHead = true,
                Preferences = new Preferences { Email = $"long.{Guid.NewGuid():N}@skhcn.quangtri.gov.vn", Channels = { Channel.Email } },
            },
        });
        // As Dossiers' step watch writes it.
        var change = new Cchc.Dossiers.V1.DossierChange
        {
            Sequence = 1,
            Type = "dossier.step_overdue",
            DossierCode = "QT.SKHCN-261116-0042",
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Payload = Struct.Parser.ParseJson($$"""
                {"agencyCode":"QT.SKHCN","unitCode":"{{unit}}","procedureCode":"1.000404","procedureName":"Cấp Giấy chứng nhận đăng ký hoạt động thử nghiệm",
                 "stepStartedAt":"2026-11-16T03:00:00Z","stepDueAt":"2026-11-18T10:00:00Z","stepDue":"17 giờ 00, ngày 18/11/2026",
                 "dueAt":"2026-11-18T10:00:00Z","status":4,"version":3}
                """),
        };
        var feedChange = Feeds.DossierFeedConsumer.ToFeedChange(change);
        // No organisation registry in this stack: the unit is named by its code.
        feedChange.Payload["unit_name"] = unit;
        await TakeInAsync("dossiers-steps-test", feedChange);

        var mail = (await fixture.Mail.WaitUntilAsync(m => m.Any(x => x.To == head.Preferences.Email), TimeSpan.FromSeconds(30)))
            .Single(x => x.To == head.Preferences.Email);
        Assert.Equal("Hồ sơ QT.SKHCN-261116-0042 đã quá hạn bước xử lý", mail.Subject);
        Assert.Contains($"đã quá hạn xử lý tại {unit} (hạn 17 giờ 00, ngày 18/11/2026)", mail.Body);
        var items = (await new MessageService.MessageServiceClient(fixture.Notifications.CreateChannel())
            .ListOverdueItemsAsync(new ListOverdueItemsRequest { UnitCode = unit })).Items;
        Assert.Equal("dossier:QT.SKHCN-261116-0042", Assert.Single(items).Key);
    }

    [Fact]
    public async Task A_provisional_coming_year_from_the_Dossiers_feed_reaches_the_administrators_by_email_and_in_the_app_and_no_one_else()
    {
        var agency = $"QY{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant()}";
        var recipients = new RecipientService.RecipientServiceClient(fixture.Notifications.CreateChannel());
        var administrator = await recipients.UpsertRecipientAsync(new UpsertRecipientRequest
        {
            Recipient = new Recipient
            {
                OfficialId = $"official-{Guid.NewGuid():N}",
                DisplayName = "Hồ Văn Quản",
                UnitCode = $"{agency}.VP",
                Administrator = true,
                Preferences = new Preferences { Email = $"quan.{Guid.NewGuid():N}@quangtri.gov.vn", Channels = { Channel.Email } },
            },
        });
        var leader = await recipients.UpsertRecipientAsync(new UpsertRecipientRequest
        {
            Recipient = new Recipient
            {
                OfficialId = $"official-{Guid.NewGuid():N}",
                DisplayName = "Lê Thị Lãnh",
                UnitCode = $"{agency}.VP",
                Leadership = true,
                Preferences = new Preferences { Email = $"lanh.{Guid.NewGuid():N}@quangtri.gov.vn", Channels = { Channel.Email } },
            },
        });
        // As Dossiers' calendar year watch writes it: no dossier code.
        var change = new Cchc.Dossiers.V1.DossierChange
        {
            Sequence = Random.Shared.Next(1, int.MaxValue),
            Type = "calendar.year_provisional",
            DossierCode = "",
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Payload = Struct.Parser.ParseJson("""
                {"year":2028,"audience":"administrator","notice_date":"01/11/2027","derived_day_count":11,
                 "derived_days":"03/01/2028 (Nghỉ bù Tết Dương lịch (rơi vào thứ Bảy 01/01/2028)); 25/01/2028 (Tết Nguyên đán Mậu Thân)"}
                """),
        };
        var feedChange = Feeds.DossierFeedConsumer.ToFeedChange(change);
        await TakeInAsync("dossiers-calendar-test", feedChange);

        // The stack's own Dossiers may announce the year after the real date's too (from 1 November), hence the year in the filter.
        static bool For2028(string subject) => subject == "Chưa có lịch nghỉ chính thức năm 2028";
        var mail = (await fixture.Mail.WaitUntilAsync(m => m.Any(x => x.To == administrator.Preferences.Email && For2028(x.Subject)), TimeSpan.FromSeconds(30)))
            .Single(x => x.To == administrator.Preferences.Email && For2028(x.Subject));
        Assert.Equal("calendar/2028", feedChange.Subject);
        Assert.Contains("Kính gửi Hồ Văn Quản", mail.Body);
        Assert.Contains("Đến ngày 01/11/2027, lịch nghỉ lễ, Tết chính thức năm 2028", mail.Body);
        Assert.Contains("25/01/2028 (Tết Nguyên đán Mậu Thân)", mail.Body);
        Assert.DoesNotContain(fixture.Mail.Received, x => x.To == leader.Preferences.Email);

        var adminInbox = new InboxService.InboxServiceClient(fixture.Notifications.CreateChannel(TestIdentity.Token(Roles.Administrator, $"{agency}.VP", agency)));
        var leaderInbox = new InboxService.InboxServiceClient(fixture.Notifications.CreateChannel(TestIdentity.Token(Roles.Leadership, $"{agency}.VP", agency)));
        var item = Assert.Single((await adminInbox.ListInboxAsync(new ListInboxRequest())).Items, i => For2028(i.Title));
        Assert.Equal("calendar.year_provisional", item.EventType);
        Assert.Contains("được tính tạm theo Bộ luật Lao động 2019, Điều 112 (11 ngày nghỉ:", item.Body);
        Assert.DoesNotContain((await leaderInbox.ListInboxAsync(new ListInboxRequest())).Items, i => i.EventType == "calendar.year_provisional");
    }

    [Fact]
    public async Task A_rank_fall_from_the_Indexes_feed_reaches_the_leadership_of_the_province_by_email()
    {
        var province = $"QX{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant()}";
        var recipients = new RecipientService.RecipientServiceClient(fixture.Notifications.CreateChannel());
        var leader = await recipients.UpsertRecipientAsync(new UpsertRecipientRequest
        {
            Recipient = new Recipient
            {
                OfficialId = $"official-{Guid.NewGuid():N}",
                DisplayName = "Lê Quang Minh",
                UnitCode = $"{province}.SKHCN",
                Leadership = true,
                Preferences = new Preferences { Email = $"minh.{Guid.NewGuid():N}@quangtri.gov.vn", Channels = { Channel.Email } },
            },
        });
        var payload = Struct.Parser.ParseJson($$"""
            {"index_code":"PAPI","index_name":"Chỉ số PAPI","year":2022,"subject_code":"QUANG_TRI","subject_name":"tỉnh Quảng Trị",
             "agency_code":"{{province}}","total":"40.5","rank":37,"ranked_count":63,"revision":1,"rank_drop":9,"previous_year":2021,
             "previous_rank":28,"previous_ranked_count":63}
            """);
        await TakeInAsync("indexes-test", new Feeds.FeedChange(1, "index.rank_fell", "PAPI/2022/QUANG_TRI", DateTimeOffset.UtcNow,
            System.Text.Json.Nodes.JsonNode.Parse(Google.Protobuf.JsonFormatter.Default.Format(payload))!.AsObject()));

        var mail = (await fixture.Mail.WaitUntilAsync(m => m.Any(x => x.To == leader.Preferences.Email), TimeSpan.FromSeconds(30)))
            .Single(x => x.To == leader.Preferences.Email);
        Assert.Equal("Chỉ số PAPI năm 2022: thứ hạng giảm", mail.Subject);
        Assert.Contains("xếp thứ 37/63, giảm 9 bậc so với năm 2021 (28/63)", mail.Body);
    }
}

/// <summary>The recipient directory follows the organisation registry of Directives, and the officials' own choices win.</summary>
public sealed class RecipientSyncTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task Officials_of_the_registry_become_recipients_and_keep_the_addresses_they_set_themselves()
    {
        var code = $"QS{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant()}";
        var organization = new Cchc.Directives.V1.OrganizationService.OrganizationServiceClient(fixture.Directives.CreateChannel(TestIdentity.Administrator));
        await organization.CreateUnitAsync(new Cchc.Directives.V1.CreateUnitRequest { Unit = new() { Code = code, Name = "Tỉnh thử nghiệm", Kind = Cchc.Directives.V1.UnitKind.Province } });
        await organization.CreateUnitAsync(new Cchc.Directives.V1.CreateUnitRequest { Unit = new() { Code = $"{code}.SO", Name = "Sở thử nghiệm", Kind = Cchc.Directives.V1.UnitKind.Agency, ParentCode = code } });
        Task Upsert(string id, string name, bool head, bool active, params string[] roles) => organization.UpsertOfficialAsync(new Cchc.Directives.V1.UpsertOfficialRequest
        {
            Official = new() { OfficialId = id, FullName = name, UnitCode = $"{code}.SO", UnitHead = head, Active = active, Email = $"{id}@so.gov.vn", Phone = "0911222333", Roles = { roles } },
        }).ResponseAsync;
        var (director, clerk) = ($"{code.ToLowerInvariant()}-gd", $"{code.ToLowerInvariant()}-cv");
        await Upsert(director, "Võ Thị Hạnh", head: true, active: true, "leadership", "unit_head");
        await Upsert(clerk, "Phan Văn Tài", head: false, active: true, "processing_officer");

        var sync = fixture.Notifications.Factory.Services.GetRequiredService<Recipients.RecipientSync>();
        Assert.True(await sync.SyncAsync(CancellationToken.None) >= 2);
        var recipients = new RecipientService.RecipientServiceClient(fixture.Notifications.CreateChannel());
        var listed = (await recipients.ListRecipientsAsync(new ListRecipientsRequest { UnitCode = code })).Recipients.ToDictionary(r => r.OfficialId);
        Assert.Equal(("Võ Thị Hạnh", true, true, $"{director}@so.gov.vn"),
            (listed[director].DisplayName, listed[director].UnitHead, listed[director].Leadership, listed[director].Preferences.Email));
        Assert.Equal(("0911222333", false, false), (listed[clerk].Preferences.Phone, listed[clerk].UnitHead, listed[clerk].Inactive));

        // The clerk gives their own e-mail; then leaves. The registry's address no longer replaces theirs; they are told nothing more.
        var self = new RecipientService.RecipientServiceClient(fixture.Notifications.CreateChannel(TestInfrastructureTokens.For(clerk, Roles.ProcessingOfficer, $"{code}.SO")));
        await self.UpdateMyPreferencesAsync(new UpdateMyPreferencesRequest
        {
            Preferences = new Preferences { Email = "tai.phan@canhan.vn" },
            UpdateMask = new FieldMask { Paths = { "email" } },
        });
        await Upsert(clerk, "Phan Văn Tài", head: false, active: false, "processing_officer");
        await sync.SyncAsync(CancellationToken.None);
        var after = (await recipients.ListRecipientsAsync(new ListRecipientsRequest { UnitCode = code })).Recipients.Single(r => r.OfficialId == clerk);
        Assert.Equal(("tai.phan@canhan.vn", true), (after.Preferences.Email, after.Inactive));
        Assert.Equal(0, await sync.SyncAsync(CancellationToken.None));
    }
}
