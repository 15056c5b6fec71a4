using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>Apology-and-new-appointment letters for dossiers that will be late.</summary>
public sealed class ApologyLetterTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000501";
    private readonly DossierScenario _scenario;

    public ApologyLetterTests(DossiersFixture fixture) => _scenario = new DossierScenario(fixture);

    private static string Quality => ProcessingOfficer(QualityUnit);

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 5);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A dossier received on <paramref name="day"/> June 2026 at 9:00 and handed to the quality unit at 10:00.</summary>
    private async Task<string> InProgressAsync(int day) => (await ReceiptInProgressAsync(day)).DossierCode;

    private async Task<DossierReceipt> ReceiptInProgressAsync(int day)
    {
        _scenario.At(2026, 6, day, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        _scenario.At(2026, 6, day, 10, 0);
        await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
        return receipt;
    }

    private static IssueApologyLetterRequest Letter(string code, string etag, string newDate = "2026-06-12") => new()
    {
        DossierCode = code,
        Etag = etag,
        Reason = "Cần thêm thời gian đánh giá năng lực phòng thử nghiệm tại cơ sở",
        NewAppointmentDate = newDate,
        AgencyName = "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
        SignerName = "Trần Thị Bình",
        SignerTitle = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    };

    private async Task<IssueApologyLetterResponse> IssueAsync(string code, string newDate = "2026-06-12", string? token = null, DossierService.DossierServiceClient? client = null)
    {
        var current = await _scenario.GetAsync(code, token ?? Quality);
        return await (client ?? _scenario.Dossiers(token ?? Quality)).IssueApologyLetterAsync(Letter(code, current.Etag, newDate));
    }

    [Fact]
    public async Task A_letter_moves_the_appointment_keeps_the_old_and_new_dates_and_reads_as_the_Vietnamese_slip()
    {
        var code = await InProgressAsync(1);
        _scenario.At(2026, 6, 3, 10, 0);

        var issued = await IssueAsync(code);
        var dossier = await _scenario.GetAsync(code);

        var letter = issued.Letter;
        Assert.Equal(1, letter.Number);
        Assert.Equal("2026-06-08T17:00:00+07:00", letter.PreviousDueAtLocal);
        Assert.Equal("2026-06-12T17:00:00+07:00", letter.NewDueAtLocal);
        Assert.Equal("2026-06-12T17:00:00+07:00", dossier.DueAtLocal);
        Assert.Equal(new DateTimeOffset(2026, 6, 8, 10, 0, 0, TimeSpan.Zero), dossier.LegalDueAt.ToDateTimeOffset());
        Assert.Equal([letter], dossier.ApologyLetters);
        Assert.Equal("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", letter.Title);
        Assert.StartsWith("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH QUẢNG TRỊ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nPHIẾU XIN LỖI", letter.Text);
        Assert.Contains("Kính gửi: Ông/Bà Nguyễn Thị Hoa", letter.Text);
        Assert.Contains($"Ngày 01/06/2026, Sở Khoa học và Công nghệ tỉnh Quảng Trị tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính", letter.Text);
        Assert.Contains($"mã hồ sơ {code}.", letter.Text);
        Assert.Contains("Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 08/06/2026.", letter.Text);
        Assert.Contains("Lý do: Cần thêm thời gian đánh giá năng lực phòng thử nghiệm tại cơ sở.", letter.Text);
        Assert.Contains("hẹn lại thời gian trả kết quả giải quyết hồ sơ vào 17 giờ 00 phút, ngày 12/06/2026.", letter.Text);
        Assert.EndsWith("Ngày 03 tháng 6 năm 2026\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Thị Bình", letter.Text);
    }

    [Fact]
    public async Task The_letter_is_audited_and_on_the_change_feed_without_personal_data_and_the_dossier_stays_judged_on_its_legal_deadline()
    {
        var receipt = await ReceiptInProgressAsync(2);
        var code = receipt.DossierCode;
        _scenario.At(2026, 6, 4, 10, 0);
        await IssueAsync(code, newDate: "2026-06-15");
        _scenario.At(2026, 6, 12, 10, 0);
        var done = await _scenario.ActAsync(Quality, code, DossierAction.CompleteResult);

        var audit = await _scenario.AuditOf(code);
        var apology = Assert.Single(audit, a => a.Action == "IssueApologyLetter");
        var change = Assert.Single(await _scenario.ChangesOf(code), c => c.Type == DossierEventTypes.ApologyIssued);
        var publicStatus = await new PublicStatus.PublicStatusClient(_scenario.Fixture.ClockedChannel(null))
            .GetPublicStatusAsync(new GetPublicStatusRequest { DossierCode = code, LookupSecret = receipt.LookupSecret });

        Assert.Equal("Cần thêm thời gian đánh giá năng lực phòng thử nghiệm tại cơ sở", apology.Reason);
        Assert.Equal("test-processing_officer", apology.ActorSubject);
        Assert.Equal("2026-06-09T10:00:00+00:00", JsonDocument.Parse(apology.Before!).RootElement.GetProperty("dueAt").GetString());
        Assert.Equal("2026-06-15T10:00:00+00:00", JsonDocument.Parse(apology.After).RootElement.GetProperty("dueAt").GetString());
        Assert.Equal("2026-06-09T10:00:00+00:00", JsonDocument.Parse(apology.After).RootElement.GetProperty("legalDueAt").GetString());
        Assert.Equal(1, change.Payload.Fields["letterNumber"].NumberValue);
        Assert.Equal("2026-06-09T10:00:00+00:00", change.Payload.Fields["previousDueAt"].StringValue);
        Assert.Equal("2026-06-15T10:00:00+00:00", change.Payload.Fields["dueAt"].StringValue);
        Assert.Equal(apology.Reason, change.Payload.Fields["reason"].StringValue);
        Assert.DoesNotContain("Nguyễn Thị Hoa", change.Payload.ToString());
        Assert.Equal("2026-06-15T17:00:00+07:00", publicStatus.DueAtLocal);
        // Finished before the new appointment, but after the legal deadline: still late.
        Assert.False(done.OnTime);
    }

    [Fact]
    public async Task A_second_letter_beyond_the_configured_limit_a_stale_etag_and_a_paused_dossier_are_refused_and_change_nothing()
    {
        var code = await InProgressAsync(3);
        _scenario.At(2026, 6, 5, 9, 0);
        var before = await _scenario.GetAsync(code, Quality);
        var first = await IssueAsync(code, newDate: "2026-06-16");

        var limit = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => IssueAsync(code, newDate: "2026-06-19"));
        var stale = await RpcAssert.FailsWith(StatusCode.Aborted,
            () => _scenario.Dossiers(Quality).IssueApologyLetterAsync(Letter(code, before.Etag, "2026-06-19")).ResponseAsync);
        var paused = await InProgressAsync(3);
        await _scenario.ActAsync(Quality, paused, DossierAction.RequestSupplement, r =>
        {
            r.Reason = "Thiếu hồ sơ năng lực";
            r.SupplementRequirements = "Danh sách thiết bị thử nghiệm";
        });
        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => IssueAsync(paused));
        var after = await _scenario.GetAsync(code);

        Assert.Equal("APOLOGY_LETTER_LIMIT", limit.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        Assert.Equal("DOSSIER_STATUS", status.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        Assert.Contains("read it again", stale.Message);
        Assert.Equal(first.Dossier.Etag, after.Etag);
        Assert.Equal("2026-06-16T17:00:00+07:00", after.DueAtLocal);
        Assert.Single(after.ApologyLetters);
        Assert.Empty((await _scenario.GetAsync(paused)).ApologyLetters);
    }

    [Fact]
    public async Task A_letter_on_the_last_working_day_is_too_late_by_default_and_allowed_when_configured()
    {
        var code = await InProgressAsync(8);
        // Due Monday 15/6 at 17:00; by default the letter is due by Friday 12/6 at 17:00.
        _scenario.At(2026, 6, 15, 8, 0);

        var late = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => IssueAsync(code, newDate: "2026-06-19"));
        await using var lenient = _scenario.Fixture.Clocked.WithWebHostBuilder(host =>
        {
            host.UseSetting("Dossiers:ApologyLetters:AllowAfterDeadline", "true");
            host.UseSetting("Dossiers:ApologyLetters:MaxPerDossier", "2");
        });
        var client = new DossierService.DossierServiceClient(Cchc.Testing.ServiceFixture<Program>.CreateChannel(lenient, Quality));
        var first = await IssueAsync(code, newDate: "2026-06-19", client: client);
        _scenario.At(2026, 6, 22, 9, 0);
        var second = await IssueAsync(code, newDate: "2026-06-26", client: client);

        Assert.Equal("APOLOGY_LETTER_TOO_LATE", late.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        Assert.Contains("17 giờ 00 phút, ngày 12/06/2026", late.Message);
        Assert.Equal((1, "2026-06-15T17:00:00+07:00", "2026-06-19T17:00:00+07:00"), (first.Letter.Number, first.Letter.PreviousDueAtLocal, first.Letter.NewDueAtLocal));
        Assert.Equal((2, "2026-06-19T17:00:00+07:00", "2026-06-26T17:00:00+07:00"), (second.Letter.Number, second.Letter.PreviousDueAtLocal, second.Letter.NewDueAtLocal));
        Assert.Equal(2, second.Dossier.ApologyLetters.Count);
    }

    [Fact]
    public async Task A_new_date_that_is_not_a_later_working_day_and_missing_fields_are_reported_field_by_field()
    {
        var code = await InProgressAsync(9);
        var current = await _scenario.GetAsync(code, Quality);
        _scenario.At(2026, 6, 10, 9, 0);

        await RpcAssert.InvalidFields(() => _scenario.Dossiers(Quality).IssueApologyLetterAsync(Letter(code, current.Etag, "2026-06-20")).ResponseAsync,
            "new_appointment_date");
        await RpcAssert.InvalidFields(() => _scenario.Dossiers(Quality).IssueApologyLetterAsync(Letter(code, current.Etag, "2026-06-12")).ResponseAsync,
            "new_appointment_date");
        await RpcAssert.InvalidFields(() => _scenario.Dossiers(Quality).IssueApologyLetterAsync(new IssueApologyLetterRequest
        {
            DossierCode = code, Etag = current.Etag, NewAppointmentDate = "19/06/2026",
        }).ResponseAsync, "reason", "new_appointment_date", "agency_name", "signer_name", "signer_title");
        Assert.Empty((await _scenario.GetAsync(code)).ApologyLetters);
    }

    [Fact]
    public async Task Letters_are_issued_over_REST_and_the_database_refuses_to_change_one()
    {
        var code = await InProgressAsync(10);
        var current = await _scenario.GetAsync(code, Quality);
        using var rest = _scenario.Fixture.Clocked.CreateClient();
        TestIdentity.Present(rest.DefaultRequestHeaders, Quality);

        var response = await rest.PostAsJsonAsync($"/dossiers/v1/dossiers/{code}/apology-letters", new
        {
            etag = current.Etag, reason = "Chờ kết quả thử nghiệm mẫu", newAppointmentDate = "2026-06-22",
            agencyName = "Sở Khoa học và Công nghệ tỉnh Quảng Trị", signerName = "Trần Thị Bình", signerTitle = "GIÁM ĐỐC",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            _scenario.InDatabase(db => db.Database.ExecuteSqlAsync($"UPDATE dossier_apology_letters SET new_due_at = now()")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2026-06-22T17:00:00+07:00", body.GetProperty("letter").GetProperty("newDueAtLocal").GetString());
        Assert.Contains("append-only", update.MessageText);
    }
}
