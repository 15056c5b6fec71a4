using Cchc.Notifications.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Notifications.Tests;

public sealed class InboxTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly WebhookService.WebhookServiceClient _events = new(fixture.CreateChannel());

    private InboxService.InboxServiceClient InboxOf(string subject, string role, string unit, string agency = "QT.SKHCN") =>
        new(fixture.CreateChannel(TestIdentity.Issuer.Issue(subject, subject, [role], unit, agency, TimeSpan.FromHours(1))));

    private Task<PublishEventResponse> Publish(string type, string key, params (string Key, string Value)[] fields)
    {
        var payload = new Struct();
        foreach (var (name, value) in fields)
        {
            payload.Fields[name] = Value.ForString(value);
        }
        return ProducerEvents.TakeInAsync(fixture, type, key, payload, key);
    }

    private static (string, string)[] Overdue(string unit, string title) =>
    [
        ("lead_unit_code", unit), ("task_title", title), ("document_symbol", "Công văn triển khai Chỉ thị 35-CT/TU"),
        ("lead_unit_name", "Đơn vị thử nghiệm"), ("days_overdue", "2"), ("due_date_text", "20/11/2026"),
    ];

    [Fact]
    public async Task An_overdue_task_reaches_every_official_of_its_lead_unit_in_polite_Vietnamese_and_no_one_else()
    {
        var first = InboxOf("inbox-a1", Roles.ProcessingOfficer, "QT.SKHCN.T1");
        var colleague = InboxOf("inbox-a2", Roles.UnitHead, "QT.SKHCN.T1");
        var stranger = InboxOf("inbox-b1", Roles.ProcessingOfficer, "QT.SKHCN.T2");

        await Publish("task.overdue", "overdue-t1-1", Overdue("QT.SKHCN.T1", "Rà soát thủ tục hành chính"));
        var items = await first.ListInboxAsync(new ListInboxRequest());

        var item = Assert.Single(items.Items);
        Assert.Equal("Nhiệm vụ quá hạn: Rà soát thủ tục hành chính", item.Title);
        Assert.Contains("Đề nghị khẩn trương hoàn thành", item.Body);
        Assert.DoesNotContain("[", item.Body);
        Assert.True(item.Urgent);
        Assert.Equal(1, (await colleague.GetUnreadCountAsync(new GetUnreadCountRequest())).Unread);
        Assert.Equal(0, (await stranger.GetUnreadCountAsync(new GetUnreadCountRequest())).Unread);
    }

    [Theory]
    [InlineData("dossier.received")]
    [InlineData("dossier.status_changed")]
    [InlineData("task.overdue")]
    [InlineData("task.cancelled")]
    [InlineData("index.rank_fell")]
    public async Task A_published_event_cannot_pass_for_a_producers_own(string type)
    {
        var payload = new Struct { Fields = { ["lead_unit_code"] = Value.ForString("QT.SKHCN.T8") } };

        var refused = await RpcAssert.InvalidFields(() => _events.PublishEventAsync(new PublishEventRequest
        {
            EventType = type, Subject = "QT.SKHCN-261206-0001", DedupKey = $"forged-{type}", Payload = payload,
        }).ResponseAsync, "event_type");

        Assert.Contains("external.", refused.FieldViolations[0].Description);
    }

    [Fact]
    public async Task A_published_event_reaches_webhooks_only_never_an_officials_inbox_or_the_overdue_list()
    {
        var officer = InboxOf("inbox-p1", Roles.ProcessingOfficer, "QT.SKHCN.T9");
        var payload = new Struct();
        foreach (var (name, value) in Overdue("QT.SKHCN.T9", "Nội dung do bên ngoài soạn"))
        {
            payload.Fields[name] = Value.ForString(value);
        }

        await _events.PublishEventAsync(new PublishEventRequest { EventType = "external.task.overdue", Subject = "forged-t9", DedupKey = "forged-t9", Payload = payload });
        var afterPublished = await officer.GetUnreadCountAsync(new GetUnreadCountRequest());
        await Publish("task.overdue", "overdue-t9-1", Overdue("QT.SKHCN.T9", "Rà soát thủ tục hành chính"));
        var afterFeed = await officer.ListInboxAsync(new ListInboxRequest());

        Assert.Equal(0, afterPublished.Unread);
        var item = Assert.Single(afterFeed.Items);
        Assert.DoesNotContain("bên ngoài", item.Title);
    }

    [Fact]
    public async Task The_intake_itself_refuses_a_published_event_in_a_producers_namespace()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.NotificationsDbContext>();

        await Assert.ThrowsAsync<ArgumentException>(() => Events.EventIntake.PublishAsync(db, "dossier.received", "QT.SKHCN-261206-0001", [], "forged-intake",
            "integrator", CancellationToken.None));
    }

    [Fact]
    public async Task Each_official_reads_for_themselves()
    {
        var reader = InboxOf("inbox-c1", Roles.ProcessingOfficer, "QT.SKHCN.T3");
        var colleague = InboxOf("inbox-c2", Roles.ProcessingOfficer, "QT.SKHCN.T3");
        await Publish("task.overdue", "overdue-t3-1", Overdue("QT.SKHCN.T3", "Báo cáo quý"));
        await Publish("task.overdue", "overdue-t3-2", Overdue("QT.SKHCN.T3", "Số hóa hồ sơ"));
        var items = await reader.ListInboxAsync(new ListInboxRequest());

        var marked = await reader.MarkReadAsync(new MarkReadRequest { ItemIds = { items.Items[0].ItemId } });
        var again = await reader.MarkReadAsync(new MarkReadRequest { ItemIds = { items.Items[0].ItemId } });

        Assert.Equal((1, 0), (marked.Marked, again.Marked));
        Assert.Equal(1, (await reader.GetUnreadCountAsync(new GetUnreadCountRequest())).Unread);
        Assert.Equal(2, (await colleague.GetUnreadCountAsync(new GetUnreadCountRequest())).Unread);
        Assert.Single((await reader.ListInboxAsync(new ListInboxRequest { UnreadOnly = true })).Items);
    }

    [Fact]
    public async Task A_fall_in_rank_reaches_the_agencys_leadership_but_not_a_units_officer()
    {
        var leadership = InboxOf("inbox-l1", Roles.Leadership, "QT.T9", agency: "QT.T9");
        var officer = InboxOf("inbox-l2", Roles.ProcessingOfficer, "QT.T9.QLCN", agency: "QT.T9");

        await Publish("index.rank_fell", "papi-2022-t9", ("agency_code", "QT.T9"), ("index_name", "Chỉ số PAPI"), ("year", "2022"),
            ("subject_name", "tỉnh Quảng Trị"), ("rank", "37"), ("ranked_count", "63"), ("rank_drop", "9"), ("previous_year", "2021"));

        var seen = Assert.Single((await leadership.ListInboxAsync(new ListInboxRequest())).Items);
        Assert.Equal("Chỉ số PAPI năm 2022: thứ hạng giảm 9 bậc", seen.Title);
        Assert.Equal(0, (await officer.GetUnreadCountAsync(new GetUnreadCountRequest())).Unread);
    }

    [Fact]
    public async Task A_provinces_fall_in_rank_reaches_the_leadership_of_its_agencies_and_not_another_provinces()
    {
        var inside = InboxOf("inbox-p1", Roles.Leadership, "QTP.SKHCN", agency: "QTP.SKHCN");
        var elsewhere = InboxOf("inbox-p2", Roles.Leadership, "QTPX.SKHCN", agency: "QTPX.SKHCN");

        await Publish("index.rank_fell", "pci-2022-qtp", ("agency_code", "QTP"), ("index_name", "Chỉ số PCI"), ("year", "2022"),
            ("subject_name", "tỉnh Quảng Trị"), ("rank", "59"), ("ranked_count", "63"), ("rank_drop", "18"), ("previous_year", "2021"));

        Assert.Equal("Chỉ số PCI năm 2022: thứ hạng giảm 18 bậc", Assert.Single((await inside.ListInboxAsync(new ListInboxRequest())).Items).Title);
        Assert.Equal(0, (await elsewhere.GetUnreadCountAsync(new GetUnreadCountRequest())).Unread);
    }

    [Fact]
    public async Task A_republished_event_does_not_repeat_its_message()
    {
        var inbox = InboxOf("inbox-d1", Roles.UnitHead, "QT.SKHCN.T4");

        await Publish("task.overdue", "overdue-t4-1", Overdue("QT.SKHCN.T4", "Một lần"));
        await Publish("task.overdue", "overdue-t4-1", Overdue("QT.SKHCN.T4", "Một lần"));

        Assert.Equal(1, (await inbox.GetUnreadCountAsync(new GetUnreadCountRequest())).Unread);
    }

    [Fact]
    public async Task A_watching_official_gets_unread_items_first_then_new_ones_live()
    {
        var inbox = InboxOf("inbox-w1", Roles.ProcessingOfficer, "QT.SKHCN.T5");
        await Publish("task.overdue", "overdue-t5-1", Overdue("QT.SKHCN.T5", "Đã có từ trước"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = inbox.WatchInbox(new WatchInboxRequest(), cancellationToken: cancel.Token);

        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        var existing = watch.ResponseStream.Current;
        await Publish("task.overdue", "overdue-t5-2", Overdue("QT.SKHCN.T5", "Vừa phát sinh"));
        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        var live = watch.ResponseStream.Current;

        Assert.Contains("Đã có từ trước", existing.Title);
        Assert.Contains("Vừa phát sinh", live.Title);
    }

    [Fact]
    public async Task Integrators_have_no_inbox()
    {
        var integrator = new InboxService.InboxServiceClient(fixture.CreateChannel(TestIdentity.Token(Roles.Integrator)));

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => integrator.GetUnreadCountAsync(new GetUnreadCountRequest()).ResponseAsync);
    }

    [Fact]
    public async Task A_payload_nested_deeper_than_protobuf_allows_is_INVALID_ARGUMENT_on_the_payload()
    {
        var payload = new Struct { Fields = { ["n"] = Value.ForString("đáy") } };
        for (var level = 0; level < 40; level++)
        {
            payload = new Struct { Fields = { ["n"] = Value.ForStruct(payload) } };
        }
        var body = new PublishEventRequest { EventType = "external.deep", Subject = "deep-1", DedupKey = "deep-1", Payload = payload }.ToByteArray();
        using var channel = fixture.CreateChannel();

        var refused = await RawGrpc.UnaryAsync(channel, "/cchc.notifications.v1.WebhookService/PublishEvent", body);

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.StartsWith("payload.fields.value.struct_value.fields", violation.Field);
        Assert.Contains("more than 100 levels deep", violation.Description);
    }
}
