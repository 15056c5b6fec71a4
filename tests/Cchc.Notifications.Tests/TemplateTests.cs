using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Notifications.Templates;
using Cchc.Notifications.V1;
using Cchc.Testing;
using Grpc.Core;

namespace Cchc.Notifications.Tests;

public sealed class TemplateTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private readonly TemplateService.TemplateServiceClient _client = new(fixture.CreateChannel());

    [Fact]
    public async Task The_apology_letter_carries_the_reason_and_the_old_and_new_appointment_dates()
    {
        var template = (await _client.GetTemplateAsync(new GetTemplateRequest { EventType = "dossier.apology_issued", Channel = Channel.Email })).Template;

        Assert.Contains("reason", template.Placeholders);
        Assert.Contains("old_appointment_date", template.Placeholders);
        Assert.Contains("new_appointment_date", template.Placeholders);
        Assert.Contains("xin lỗi", template.Body);
    }

    [Fact]
    public async Task A_preview_with_the_sample_values_leaves_no_placeholder_unfilled()
    {
        var preview = await _client.PreviewTemplateAsync(new PreviewTemplateRequest { EventType = "dossier.apology_issued", Channel = Channel.Email });

        Assert.Empty(preview.MissingValues);
        Assert.DoesNotContain("{{", preview.Body);
        Assert.Contains("cần thêm thời gian thẩm định", preview.Body);
        Assert.Contains("25/11/2026", preview.Body);
    }

    [Fact]
    public async Task A_preview_with_partial_values_names_what_is_missing()
    {
        var preview = await _client.PreviewTemplateAsync(new PreviewTemplateRequest
        {
            EventType = "dossier.received",
            Channel = Channel.Sms,
            Values = { ["dossier_code"] = "H48-261120-0001" },
        });

        Assert.Contains("H48-261120-0001", preview.Body);
        Assert.Equal(["agency_short_name", "appointment_date", "lookup_secret"], preview.MissingValues.Order());
        Assert.Contains("[lookup_secret]", preview.Body);
    }

    [Fact]
    public async Task Publishing_makes_a_new_version_and_the_old_one_stays_readable()
    {
        var first = (await _client.PublishTemplateAsync(new PublishTemplateRequest
        {
            EventType = "test.versioned", Channel = Channel.InApp, Subject = "Lần 1", Body = "Nội dung {{a}}",
        })).Template;
        var second = (await _client.PublishTemplateAsync(new PublishTemplateRequest
        {
            EventType = "test.versioned", Channel = Channel.InApp, Subject = "Lần 2", Body = "Nội dung mới {{b}}",
        })).Template;

        var v1 = (await _client.GetTemplateAsync(new GetTemplateRequest { EventType = "test.versioned", Channel = Channel.InApp, Version = 1 })).Template;
        var latest = (await _client.GetTemplateAsync(new GetTemplateRequest { EventType = "test.versioned", Channel = Channel.InApp })).Template;
        var listed = (await _client.ListTemplatesAsync(new ListTemplatesRequest { EventTypePrefix = "test." })).Templates;

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal("Nội dung {{a}}", v1.Body);
        Assert.Equal(2, latest.Version);
        Assert.Equal(["b"], latest.Placeholders);
        Assert.Equal(2, Assert.Single(listed).Version);
    }

    [Fact]
    public async Task An_invalid_template_is_refused_field_by_field()
    {
        await RpcAssert.InvalidFields(() => _client.PublishTemplateAsync(new PublishTemplateRequest
        {
            EventType = "Not An Event", Channel = Channel.Unspecified, Body = "",
        }).ResponseAsync, "event_type", "channel", "body");

        await RpcAssert.InvalidFields(() => _client.PublishTemplateAsync(new PublishTemplateRequest
        {
            EventType = "test.broken", Channel = Channel.Email, Subject = "Tiêu đề", Body = "Kính gửi {{ ông bà",
        }).ResponseAsync, "body");
    }

    [Fact]
    public async Task An_unknown_template_is_not_found()
    {
        await RpcAssert.FailsWith(StatusCode.NotFound, () =>
            _client.GetTemplateAsync(new GetTemplateRequest { EventType = "dossier.nothing", Channel = Channel.Email }).ResponseAsync);
    }

    [Fact]
    public async Task Templates_are_previewed_over_REST()
    {
        using var http = fixture.CreateRestClient();

        var response = await http.PostAsJsonAsync("/notifications/v1/templates/task.overdue/CHANNEL_IN_APP:preview", new { });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains("Văn phòng Sở", body.GetProperty("body").GetString());
    }
}

public sealed class TemplateRendererTests
{
    [Fact]
    public void Placeholders_are_replaced_wherever_they_occur_with_or_without_inner_spaces()
    {
        var rendered = TemplateRenderer.Render("Hồ sơ {{code}}", "Mã {{ code }}, hẹn {{date}}.", new Dictionary<string, string> { ["code"] = "X-1", ["date"] = "27/02/2026" });

        Assert.Equal("Hồ sơ X-1", rendered.Subject);
        Assert.Equal("Mã X-1, hẹn 27/02/2026.", rendered.Body);
        Assert.Empty(rendered.MissingValues);
    }

    [Theory]
    [InlineData("Kính gửi {{name}}", 0)]
    [InlineData("Kính gửi {{name", 1)]
    [InlineData("Kính gửi name}}", 1)]
    [InlineData("{{1abc}}", 1)]
    public void Malformed_braces_are_problems(string text, int problems) =>
        Assert.Equal(problems, TemplateRenderer.Problems(text).Count);
}
