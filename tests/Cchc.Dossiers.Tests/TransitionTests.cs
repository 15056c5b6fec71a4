using System.Text.Json;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>Lifecycle actions on received dossiers; each test receives its own.</summary>
public sealed class TransitionTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000201";
    private readonly DossierScenario _scenario;

    public TransitionTests(DossiersFixture fixture) => _scenario = new DossierScenario(fixture);

    private static string Desk => DeskOfficer();
    private static string Quality => ProcessingOfficer(QualityUnit);
    private static string Technology => ProcessingOfficer(TechnologyUnit);

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

    private async Task<T> InDatabase<T>(Func<DossiersDbContext, Task<T>> query)
    {
        using var scope = _scenario.Fixture.Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<DossiersDbContext>());
    }

    private async Task<Dossier> ApplyAsync(string token, string code, string etag, DossierAction action, string reason = "") =>
        (await _scenario.Dossiers(token).ApplyDossierActionAsync(new ApplyDossierActionRequest
        {
            DossierCode = code, Etag = etag, Action = action, Reason = reason,
        })).Dossier;

    [Fact]
    public async Task A_stale_etag_is_ABORTED_and_leaves_the_dossier_unchanged()
    {
        _scenario.At(2026, 4, 6, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        var started = await ApplyAsync(Desk, receipt.DossierCode, receipt.Etag, DossierAction.StartProcessing);

        var status = await RpcAssert.FailsWith(StatusCode.Aborted, () => _scenario.Dossiers(Quality).ApplyDossierActionAsync(new ApplyDossierActionRequest
        {
            DossierCode = receipt.DossierCode,
            Etag = receipt.Etag,
            Action = DossierAction.RequestSupplement,
            Reason = "Thiếu giấy chứng nhận",
            SupplementRequirements = "Giấy chứng nhận hợp chuẩn (bản sao)",
        }).ResponseAsync);
        var after = await _scenario.GetAsync(receipt.DossierCode);

        Assert.NotEqual(receipt.Etag, started.Etag);
        Assert.Contains("read it again", status.Message);
        Assert.Equal(started.Etag, after.Etag);
        Assert.Equal(DossierStatus.InProgress, after.Status);
        Assert.Equal(0, after.SupplementRequestCount);
        Assert.Equal(2, await InDatabase(db => db.AuditEntries.CountAsync(a => db.Dossiers.Any(d => d.Id == a.DossierId && d.Code == receipt.DossierCode))));
    }

    [Fact]
    public async Task Of_five_officials_acting_at_once_on_the_same_version_one_wins_and_the_others_are_ABORTED()
    {
        _scenario.At(2026, 4, 6, 9, 30);
        var receipt = await _scenario.ReceiveAsync(Procedure);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            try
            {
                await ApplyAsync(Desk, receipt.DossierCode, receipt.Etag, DossierAction.StartProcessing);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));
        var dossier = await _scenario.GetAsync(receipt.DossierCode);

        Assert.Equal([StatusCode.OK, StatusCode.Aborted, StatusCode.Aborted, StatusCode.Aborted, StatusCode.Aborted], outcomes.Order());
        Assert.Single(dossier.Steps);
        Assert.Equal("v2", dossier.Etag);
    }

    [Fact]
    public async Task An_action_the_lifecycle_does_not_allow_is_FAILED_PRECONDITION_naming_the_actions_it_allows()
    {
        _scenario.At(2026, 4, 6, 10, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);

        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => ApplyAsync(Desk, receipt.DossierCode, receipt.Etag, DossierAction.ReturnResult));
        var after = await _scenario.GetAsync(receipt.DossierCode);

        var violation = Assert.Single(status.GetDetail<PreconditionFailure>()!.Violations);
        Assert.Equal("DOSSIER_STATUS", violation.Type);
        Assert.Equal($"dossiers/{receipt.DossierCode}", violation.Subject);
        Assert.Contains("StartProcessing", violation.Description);
        Assert.Equal(receipt.Etag, after.Etag);
        Assert.Equal(DossierStatus.Received, after.Status);
        Assert.Equal([DossierAction.StartProcessing, DossierAction.RequestWithdrawal, DossierAction.Stop], after.AllowedActions);
    }

    [Fact]
    public async Task The_supplement_pause_moves_the_appointment_by_the_paused_working_time_and_a_second_request_makes_the_dossier_late()
    {
        // Received Monday 2 March 2026 at 09:00 with 5 working days: due Monday 9 March at 17:00.
        _scenario.At(2026, 3, 2, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        _scenario.At(2026, 3, 2, 10, 0);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing);

        _scenario.At(2026, 3, 3, 10, 0);
        var paused = await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.RequestSupplement, r =>
        {
            r.Reason = "Giấy chứng nhận hợp chuẩn đã hết hiệu lực";
            r.SupplementRequirements = "Giấy chứng nhận hợp chuẩn còn hiệu lực (bản sao chứng thực)";
        });
        // Paused Tuesday 10:00 to Thursday 10:00: 1.5 + 3.5 + 7.5 + 2.5 = 15 working hours, two working days.
        _scenario.At(2026, 3, 5, 10, 0);
        var resumed = await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.SupplementProvided);
        _scenario.At(2026, 3, 5, 14, 0);
        var again = await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.RequestSupplement, r =>
        {
            r.Reason = "Bản sao chưa chứng thực";
            r.SupplementRequirements = "Bản sao có chứng thực";
        });

        Assert.Equal("2026-03-09T17:00:00+07:00", receipt.DueAtLocal);
        Assert.Equal(DossierStatus.SupplementRequested, paused.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero), paused.PausedAt.ToDateTimeOffset());
        Assert.Equal("Giấy chứng nhận hợp chuẩn còn hiệu lực (bản sao chứng thực)", paused.SupplementRequirements);
        Assert.Equal("2026-03-09T17:00:00+07:00", paused.DueAtLocal);
        Assert.True(paused.OnTime);

        Assert.Equal(DossierStatus.InProgress, resumed.Status);
        Assert.Null(resumed.PausedAt);
        Assert.Equal("2026-03-11T17:00:00+07:00", resumed.DueAtLocal);
        Assert.Equal(1, resumed.SupplementRequestCount);
        Assert.True(resumed.OnTime);

        Assert.Equal(2, again.SupplementRequestCount);
        Assert.False(again.OnTime);
    }

    [Fact]
    public async Task The_desks_guidance_on_an_online_submission_counts_as_no_request_and_the_complete_dossier_is_received_and_handed_over()
    {
        _scenario.At(2026, 4, 20, 9, 0);
        var submission = DossierScenario.NewIntake(Procedure, channel: IntakeChannel.Online);
        submission.ReceivingUnitCode = DeskUnit;
        var receipt = await _scenario.ReceiveAsync(submission, Integrator);
        _scenario.At(2026, 4, 20, 10, 0);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _scenario.ActAsync(UnitHead(Agency), receipt.DossierCode,
            DossierAction.RequestSupplement, r => (r.Reason, r.SupplementRequirements) = ("Thiếu giấy tờ", "Giấy chứng nhận")));
        var guided = await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.RequestSupplement, r =>
        {
            r.Reason = "Hồ sơ trực tuyến chưa đủ thành phần";
            r.SupplementRequirements = "Bản scan Giấy chứng nhận hợp chuẩn";
        });
        _scenario.At(2026, 4, 22, 14, 0);
        var completed = await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.SupplementProvided);

        Assert.Equal(DossierStatus.SupplementRequested, guided.Status);
        Assert.Equal(0, guided.SupplementRequestCount);
        Assert.Equal(DossierStatus.InProgress, completed.Status);
        Assert.Equal(new DateTimeOffset(2026, 4, 22, 7, 0, 0, TimeSpan.Zero), completed.ReceivedAt.ToDateTimeOffset());
        // 5 working days from Wednesday 22 April: 23, 24, 28 and 29 April (27 April makes up for Giỗ Tổ
        // on a Sunday, 30 April and 1 May are holidays), then Monday 4 May.
        Assert.Equal("2026-05-04T17:00:00+07:00", completed.DueAtLocal);
        Assert.Equal(0, completed.SupplementRequestCount);
        Assert.Equal(QualityUnit, completed.CurrentUnitCode);
        Assert.Equal((DeskUnit, QualityUnit, DossierAction.SupplementProvided), (completed.Steps.Single().FromUnitCode, completed.Steps.Single().ToUnitCode, completed.Steps.Single().Action));
        Assert.True(completed.OnTime);
    }

    [Fact]
    public async Task The_control_sheet_records_every_hand_over_and_names_the_unit_that_made_the_dossier_late()
    {
        // Monday 16 March 2026 08:00, 5 working days: due Monday 23 March at 17:00.
        _scenario.At(2026, 3, 16, 8, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        _scenario.At(2026, 3, 16, 9, 0);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing,
            r => r.StepAllowance = Duration.FromTimeSpan(TimeSpan.FromHours(8)));
        // The quality unit keeps it 6 + 7.5 + 1.5 = 15 working hours against its 8 (a working day is 7.5 hours).
        _scenario.At(2026, 3, 18, 9, 0);
        await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.TransferOut, r =>
        {
            r.NextUnitCode = TechnologyUnit;
            r.StepAllowance = Duration.FromTimeSpan(TimeSpan.FromHours(4));
        });
        _scenario.At(2026, 3, 18, 11, 0);
        var back = await _scenario.ActAsync(Technology, receipt.DossierCode, DossierAction.TransferBack);
        _scenario.At(2026, 3, 19, 9, 0);
        await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.CompleteResult);
        _scenario.At(2026, 3, 19, 15, 0);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.ReturnResult);

        var dossier = await _scenario.GetAsync(receipt.DossierCode, UnitHead(Agency));

        Assert.Equal(QualityUnit, back.CurrentUnitCode);
        Assert.Equal(DossierStatus.ResultReturned, dossier.Status);
        Assert.Equal(
        [
            (DeskUnit, QualityUnit, DossierAction.StartProcessing, 420, 60, StepOutcome.Early),
            (QualityUnit, TechnologyUnit, DossierAction.TransferOut, 480, 900, StepOutcome.Late),
            (TechnologyUnit, QualityUnit, DossierAction.TransferBack, 240, 120, StepOutcome.Early),
            (QualityUnit, DeskUnit, DossierAction.CompleteResult, 1590, 330, StepOutcome.Early),
            (DeskUnit, "", DossierAction.ReturnResult, 1260, 240, StepOutcome.Early),
        ], dossier.Steps.Select(s => (s.FromUnitCode, s.ToUnitCode, s.Action, (int)s.Allowance.ToTimeSpan().TotalMinutes,
            (int)s.Used.ToTimeSpan().TotalMinutes, s.Outcome)));
        Assert.Equal([QualityUnit], dossier.LateUnitCodes);
        Assert.Equal("test-processing_officer", dossier.Steps[1].HandedOverBy);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 2, 0, 0, TimeSpan.Zero), dossier.Steps[1].StepStartedAt.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero), dossier.Steps[1].HandedOverAt.ToDateTimeOffset());
        // Late steps do not make the dossier late when it is returned by its appointment.
        Assert.True(dossier.OnTime);
    }

    [Fact]
    public async Task A_hand_over_to_a_unit_of_another_agency_is_refused_inter_agency_goes_through_the_transfer()
    {
        _scenario.At(2026, 4, 9, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);

        await RpcAssert.InvalidFields(() => _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing,
            r => r.NextUnitCode = "QT.SYT.NVY"), "next_unit_code");
        // A code that merely starts like the agency's is another agency too.
        await RpcAssert.InvalidFields(() => _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing,
            r => r.NextUnitCode = Agency + "X.MC"), "next_unit_code");
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing);
        await RpcAssert.InvalidFields(() => _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.TransferOut,
            r => r.NextUnitCode = "QT.SYT.NVY"), "next_unit_code");
        var handed = await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.TransferOut, r => r.NextUnitCode = TechnologyUnit);

        Assert.Equal(TechnologyUnit, handed.CurrentUnitCode);
        Assert.Equal(QualityUnit, (await _scenario.GetAsync(receipt.DossierCode, UnitHead(Agency))).Steps.Last().FromUnitCode);
    }

    [Fact]
    public async Task Each_role_takes_only_its_own_actions()
    {
        _scenario.At(2026, 4, 7, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        var deskHead = UnitHead(DeskUnit);

        var status = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => ApplyAsync(Desk, receipt.DossierCode, receipt.Etag, DossierAction.Stop, "Hồ sơ không thuộc thẩm quyền"));
        var stopped = await ApplyAsync(deskHead, receipt.DossierCode, receipt.Etag, DossierAction.Stop, "Hồ sơ không thuộc thẩm quyền");

        Assert.Contains("unit_head", status.Message);
        Assert.Equal(DossierStatus.Stopped, stopped.Status);
        Assert.Equal("Hồ sơ không thuộc thẩm quyền", stopped.LastReason);
        Assert.NotNull(stopped.FinishedAt);
    }

    [Fact]
    public async Task Refusing_stopping_and_requesting_a_supplement_need_a_reason()
    {
        var request = new ApplyDossierActionRequest { DossierCode = "QT.SKHCN-260407-0001", Etag = "v1", Action = DossierAction.RequestSupplement };

        await RpcAssert.InvalidFields(() => _scenario.Dossiers(Quality).ApplyDossierActionAsync(request).ResponseAsync,
            "reason", "supplement_requirements");
        await RpcAssert.InvalidFields(() => _scenario.Dossiers(Desk).ApplyDossierActionAsync(new ApplyDossierActionRequest
        {
            DossierCode = "QT.SKHCN-260407-0001", Etag = "v1", Action = DossierAction.TransferOut,
        }).ResponseAsync, "next_unit_code");
    }

    [Fact]
    public async Task An_official_of_another_agency_gets_NOT_FOUND_for_a_dossier_outside_their_scope_as_for_an_unknown_code()
    {
        _scenario.At(2026, 4, 8, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        var outsider = TestIdentity.Token(Roles.ProcessingOfficer, "QT.SYT.NVY", "QT.SYT");
        var otherDesk = TestIdentity.Token(Roles.DeskOfficer, "QT.SYT.MC", "QT.SYT");
        var leadership = TestIdentity.Token(Roles.Leadership, "QT.SKHCN.BGD", Agency);

        var hidden = await RpcAssert.FailsWith(StatusCode.NotFound, () => _scenario.GetAsync(receipt.DossierCode, outsider));
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound, () => _scenario.GetAsync("QT.SKHCN-260408-9999", outsider));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => ApplyAsync(otherDesk, receipt.DossierCode, receipt.Etag, DossierAction.StartProcessing));
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _scenario.Dossiers(outsider)
            .ListDossiersAsync(new ListDossiersRequest { UnitCode = DeskUnit }).ResponseAsync);
        var ownList = await _scenario.Dossiers(outsider).ListDossiersAsync(new ListDossiersRequest());
        var seenByLeadership = await _scenario.GetAsync(receipt.DossierCode, leadership);

        Assert.Equal(unknown.Message.Replace("QT.SKHCN-260408-9999", receipt.DossierCode), hidden.Message);
        Assert.Equal(receipt.DossierCode, hidden.GetDetail<ResourceInfo>()?.ResourceName);
        Assert.DoesNotContain(ownList.Dossiers, d => d.Code == receipt.DossierCode);
        Assert.Equal(DossierStatus.Received, seenByLeadership.Status);
    }

    [Fact]
    public async Task A_processing_unit_sees_a_dossier_from_its_hand_over_and_the_desk_keeps_sight_of_what_it_received()
    {
        _scenario.At(2026, 4, 9, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);

        await RpcAssert.FailsWith(StatusCode.NotFound, () => _scenario.GetAsync(receipt.DossierCode, Quality));
        await ApplyAsync(Desk, receipt.DossierCode, receipt.Etag, DossierAction.StartProcessing);
        var held = await _scenario.Dossiers(Quality).ListDossiersAsync(new ListDossiersRequest
        {
            Statuses = { DossierStatus.InProgress },
        });
        var deskView = await _scenario.GetAsync(receipt.DossierCode, Desk);

        Assert.Contains(held.Dossiers, d => d.Code == receipt.DossierCode && d.CurrentUnitCode == QualityUnit);
        Assert.Equal(QualityUnit, deskView.CurrentUnitCode);
    }

    [Fact]
    public async Task Listing_pages_through_a_units_dossiers_once_each_filtered_by_status()
    {
        var desk = DeskOfficer("QT.SLDTBXH");
        _scenario.At(2026, 4, 10, 9, 0);
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await _scenario.ReceiveAsync(DossierScenario.NewIntake(Procedure, "QT.SLDTBXH"), desk)).DossierCode);
        }
        await ApplyAsync(desk, codes[2], "v1", DossierAction.StartProcessing);

        var listed = new List<string>();
        var token = "";
        do
        {
            var page = await _scenario.Dossiers(desk).ListDossiersAsync(new ListDossiersRequest
            {
                UnitCode = "QT.SLDTBXH.MC", Statuses = { DossierStatus.Received }, PageSize = 2, PageToken = token,
            });
            listed.AddRange(page.Dossiers.Select(d => d.Code));
            token = page.NextPageToken;
        } while (token.Length > 0);

        Assert.Equal(codes.Where((_, i) => i != 2), listed);
    }

    [Fact]
    public async Task Every_change_writes_an_audit_row_with_before_and_after_and_the_records_refuse_updates_and_deletes()
    {
        _scenario.At(2026, 4, 13, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        _scenario.At(2026, 4, 13, 10, 0);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing);

        var trail = await InDatabase(async db =>
        {
            var id = await db.Dossiers.Where(d => d.Code == receipt.DossierCode).Select(d => d.Id).SingleAsync();
            return await db.AuditEntries.Where(a => a.DossierId == id).OrderBy(a => a.Id).ToListAsync();
        });
        var updateAudit = await Assert.ThrowsAsync<PostgresException>(() => InDatabase(db =>
            db.Database.ExecuteSqlAsync($"UPDATE dossier_audit SET reason = 'sửa' WHERE id = {trail[0].Id}")));
        var deleteStep = await Assert.ThrowsAsync<PostgresException>(() => InDatabase(db =>
            db.Database.ExecuteSqlAsync($"DELETE FROM dossier_steps")));
        var deleteEvents = await Assert.ThrowsAsync<PostgresException>(() => InDatabase(db =>
            db.Database.ExecuteSqlAsync($"TRUNCATE dossier_events")));

        Assert.Equal(["Intake", "StartProcessing"], trail.Select(a => a.Action));
        Assert.Null(trail[0].Before);
        Assert.Equal(2, JsonDocument.Parse(trail[0].After).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(2, JsonDocument.Parse(trail[1].Before!).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(4, JsonDocument.Parse(trail[1].After).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(QualityUnit, JsonDocument.Parse(trail[1].After).RootElement.GetProperty("currentUnitCode").GetString());
        Assert.Equal("test-desk_officer", trail[1].ActorSubject);
        Assert.Equal(new DateTimeOffset(2026, 4, 13, 3, 0, 0, TimeSpan.Zero), trail[1].At);
        Assert.All([updateAudit, deleteStep, deleteEvents], e => Assert.Contains("append-only", e.MessageText));
    }
}
