using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>Inter-agency (liên thông) transfers to another agency's process and back.</summary>
public sealed class AgencyTransferTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000601";
    private const string OtherAgency = "QT.STNMT";
    private const string OtherUnit = "QT.STNMT.MT";
    private readonly DossierScenario _scenario;

    public AgencyTransferTests(DossiersFixture fixture) => _scenario = new DossierScenario(fixture);

    private static string Quality => ProcessingOfficer(QualityUnit);
    private static string Environment => TestIdentity.Token(Roles.ProcessingOfficer, OtherUnit, OtherAgency);

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 10);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> InProgressAsync(int day)
    {
        _scenario.At(2026, 6, day, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        _scenario.At(2026, 6, day, 10, 0);
        await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
        return receipt.DossierCode;
    }

    private async Task<TransferToAgencyResponse> TransferAsync(string code, string token, Action<TransferToAgencyRequest>? details = null)
    {
        var current = await _scenario.GetAsync(code, token);
        var request = new TransferToAgencyRequest
        {
            DossierCode = code,
            Etag = current.Etag,
            ToAgencyCode = OtherAgency,
            ToUnitCode = OtherUnit,
            Purpose = "Lấy ý kiến thẩm định về yêu cầu bảo vệ môi trường",
            Allowance = new StatutoryTime { Amount = "3", Unit = DurationUnit.WorkingDays },
        };
        details?.Invoke(request);
        return await _scenario.Dossiers(token).TransferToAgencyAsync(request);
    }

    private async Task<ReturnFromAgencyResponse> ReturnAsync(string code, string token, AgencyTransferOutcome outcome = AgencyTransferOutcome.Completed, string note = "Thống nhất")
    {
        var current = await _scenario.GetAsync(code, token);
        return await _scenario.Dossiers(token).ReturnFromAgencyAsync(new ReturnFromAgencyRequest
        {
            DossierCode = code, Etag = current.Etag, Outcome = outcome, OutcomeNote = note,
        });
    }

    [Fact]
    public async Task A_dossier_goes_to_another_agency_with_an_allowance_and_comes_back_judged_against_it()
    {
        var code = await InProgressAsync(1);
        _scenario.At(2026, 6, 2, 10, 0);
        var sent = await TransferAsync(code, Quality);
        var whileAway = await _scenario.GetAsync(code, Quality);
        _scenario.At(2026, 6, 8, 9, 0);
        var back = await ReturnAsync(code, Environment);

        // Three working days from Tuesday 10:00: Tuesday 5 h, then Wednesday to Friday 7.5 h each.
        Assert.Equal((Agency, QualityUnit, OtherAgency, OtherUnit), (sent.Transfer.FromAgencyCode, sent.Transfer.FromUnitCode, sent.Transfer.ToAgencyCode, sent.Transfer.ToUnitCode));
        Assert.Equal(TimeSpan.FromHours(27.5), sent.Transfer.Allowance.ToTimeSpan());
        Assert.Equal(new DateTimeOffset(2026, 6, 5, 10, 0, 0, TimeSpan.Zero), sent.Transfer.DueAt.ToDateTimeOffset());
        Assert.Equal((OtherAgency, OtherUnit, DossierStatus.InProgress), (whileAway.TransferredToAgencyCode, whileAway.CurrentUnitCode, whileAway.Status));
        Assert.Equal([DossierAction.ReturnFromAgency], whileAway.AllowedActions);
        // Monday 7:30–9:00 on top of the allowance: 29 h.
        Assert.Equal(TimeSpan.FromHours(29), back.Transfer.Used.ToTimeSpan());
        Assert.Equal(StepOutcome.Late, back.Transfer.StepOutcome);
        Assert.Equal((AgencyTransferOutcome.Completed, "Thống nhất", "test-processing_officer"), (back.Transfer.Outcome, back.Transfer.OutcomeNote, back.Transfer.ReturnedBy));
        Assert.Equal((QualityUnit, ""), (back.Dossier.CurrentUnitCode, back.Dossier.TransferredToAgencyCode));
        Assert.Equal([back.Transfer], back.Dossier.AgencyTransfers);
        Assert.Equal([DossierAction.StartProcessing, DossierAction.TransferToAgency, DossierAction.ReturnFromAgency], back.Dossier.Steps.Select(s => s.Action));
        Assert.Equal([OtherUnit], back.Dossier.LateUnitCodes);
        Assert.Contains(DossierAction.TransferToAgency, back.Dossier.AllowedActions);
        Assert.DoesNotContain(DossierAction.ReturnFromAgency, back.Dossier.AllowedActions);
        // Back home, the other agency no longer sees it.
        await RpcAssert.FailsWith(StatusCode.NotFound, () => _scenario.GetAsync(code, Environment));
    }

    [Fact]
    public async Task While_away_the_sender_sees_the_dossier_but_only_its_return_applies()
    {
        var code = await InProgressAsync(3);
        _scenario.At(2026, 6, 3, 14, 0);
        await TransferAsync(code, Quality, r => r.Allowance = null);
        var dossier = await _scenario.GetAsync(code, Quality);

        var complete = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => _scenario.ActAsync(Quality, code, DossierAction.CompleteResult));
        var again = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => TransferAsync(code, Quality));
        _scenario.At(2026, 6, 4, 9, 0);
        var back = await ReturnAsync(code, Quality, AgencyTransferOutcome.Refused, "Sở Tài nguyên và Môi trường trả lại: không thuộc thẩm quyền");

        Assert.Equal("AT_OTHER_AGENCY", complete.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        Assert.Equal("AT_OTHER_AGENCY", again.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        // No allowance given: the working time left until the appointment.
        Assert.Equal(dossier.DueAt, dossier.AgencyTransfers.Single().DueAt);
        Assert.Equal(AgencyTransferOutcome.Refused, back.Transfer.Outcome);
        Assert.Equal(StepOutcome.Early, back.Transfer.StepOutcome);
        Assert.Equal(QualityUnit, back.Dossier.CurrentUnitCode);
    }

    [Fact]
    public async Task Transfers_are_audited_and_on_the_change_feed_with_agencies_allowance_and_outcome()
    {
        var code = await InProgressAsync(9);
        _scenario.At(2026, 6, 9, 11, 0);
        await TransferAsync(code, Quality);
        _scenario.At(2026, 6, 10, 11, 0);
        await ReturnAsync(code, Environment);

        var changes = await _scenario.ChangesOf(code);
        var audit = await _scenario.AuditOf(code);
        var sent = Assert.Single(changes, c => c.Type == DossierEventTypes.TransferredToAgency).Payload.Fields;
        var returned = Assert.Single(changes, c => c.Type == DossierEventTypes.ReturnedFromAgency).Payload.Fields;

        Assert.Equal((Agency, QualityUnit, OtherAgency, OtherUnit),
            (sent["fromAgencyCode"].StringValue, sent["fromUnitCode"].StringValue, sent["toAgencyCode"].StringValue, sent["toUnitCode"].StringValue));
        Assert.Equal(Agency, sent["agencyCode"].StringValue);
        Assert.True(sent["allowanceMinutes"].NumberValue > 0);
        Assert.Equal((OtherAgency, Agency, "Completed", "Early"),
            (returned["fromAgencyCode"].StringValue, returned["toAgencyCode"].StringValue, returned["outcome"].StringValue, returned["stepOutcome"].StringValue));
        Assert.Equal(2, changes.Count(c => c.Type == DossierEventTypes.HandedOver && c.Payload.Fields["action"].StringValue.EndsWith("Agency")));
        Assert.Equal(["Intake", "StartProcessing", "TransferToAgency", "ReturnFromAgency"], audit.Select(a => a.Action));
        Assert.Equal("Lấy ý kiến thẩm định về yêu cầu bảo vệ môi trường", audit[2].Reason);
        Assert.Equal("test-processing_officer", audit[3].ActorSubject);
    }

    [Fact]
    public async Task Transfers_to_the_own_agency_outside_processing_or_through_ApplyDossierAction_are_refused()
    {
        var code = await InProgressAsync(10);
        _scenario.At(2026, 6, 10, 11, 0);
        var current = await _scenario.GetAsync(code, Quality);

        await RpcAssert.InvalidFields(() => TransferAsync(code, Quality, r => r.ToAgencyCode = Agency), "to_unit_code");
        await RpcAssert.InvalidFields(() => TransferAsync(code, Quality, r => { r.ToAgencyCode = Agency; r.ToUnitCode = TechnologyUnit; }), "to_agency_code");
        await RpcAssert.InvalidFields(() => TransferAsync(code, Quality, r => { r.Purpose = ""; r.Allowance = new StatutoryTime { Amount = "2", Unit = DurationUnit.Months }; }),
            "purpose", "allowance.unit");
        await RpcAssert.InvalidFields(() => _scenario.Dossiers(Quality).ApplyDossierActionAsync(new ApplyDossierActionRequest
        {
            DossierCode = code, Etag = current.Etag, Action = DossierAction.TransferToAgency,
        }).ResponseAsync, "action");
        var notAway = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => ReturnAsync(code, Quality));
        await RpcAssert.InvalidFields(() => ReturnAsync(code, Quality, AgencyTransferOutcome.Refused, note: ""), "outcome_note");
        var received = (await _scenario.ReceiveAsync(Procedure)).DossierCode;
        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => TransferAsync(received, UnitHead(DeskUnit)));

        Assert.Equal("NOT_AT_OTHER_AGENCY", notAway.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        Assert.Equal("DOSSIER_STATUS", status.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        var after = await _scenario.GetAsync(code, Quality);
        Assert.Equal(current.Etag, after.Etag);
        Assert.Empty(after.AgencyTransfers);
    }

    [Fact]
    public async Task A_transfer_is_sent_over_REST_and_the_database_lets_it_be_completed_once_and_never_changed_after()
    {
        var code = await InProgressAsync(11);
        var current = await _scenario.GetAsync(code, Quality);
        using var rest = _scenario.Fixture.Clocked.CreateClient();
        TestIdentity.Present(rest.DefaultRequestHeaders, Quality);

        var response = await rest.PostAsJsonAsync($"/dossiers/v1/dossiers/{code}:transferToAgency", new
        {
            etag = current.Etag, toAgencyCode = OtherAgency, purpose = "Xác nhận nguồn gốc mẫu thử",
            allowance = new { amount = "4", unit = "DURATION_UNIT_WORKING_HOURS" },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        await ReturnAsync(code, Quality);
        var change = await Assert.ThrowsAsync<PostgresException>(() =>
            _scenario.InDatabase(db => db.Database.ExecuteSqlAsync($"UPDATE dossier_agency_transfers SET outcome_note = 'sửa'")));
        var delete = await Assert.ThrowsAsync<PostgresException>(() =>
            _scenario.InDatabase(db => db.Database.ExecuteSqlAsync($"DELETE FROM dossier_agency_transfers")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OtherAgency, body.GetProperty("transfer").GetProperty("toUnitCode").GetString());
        Assert.Equal("14400s", body.GetProperty("transfer").GetProperty("allowance").GetString());
        Assert.Contains("written once and completed once", change.MessageText);
        Assert.Contains("written once and completed once", delete.MessageText);
    }
}
