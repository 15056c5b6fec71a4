using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Codes;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StoredProcedure = Cchc.Dossiers.Procedures.Procedure;
using StoredUnit = Cchc.Dossiers.Procedures.StatutoryUnit;

namespace Cchc.Dossiers.Tests;

/// <summary>Receiving dossiers; each test uses its own agency or day, so codes do not depend on test order.</summary>
public sealed class IntakeTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000101";
    private readonly DossierScenario _scenario;

    public IntakeTests(DossiersFixture fixture) => _scenario = new DossierScenario(fixture);

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

    [Fact]
    public async Task Codes_of_one_agency_run_0001_then_0002_within_a_day_and_start_again_the_next_day()
    {
        _scenario.At(2026, 3, 2, 9, 0);
        var first = await _scenario.ReceiveAsync(Procedure, "QT.SNV");
        var second = await _scenario.ReceiveAsync(Procedure, "QT.SNV");
        _scenario.At(2026, 3, 3, 8, 0);
        var nextDay = await _scenario.ReceiveAsync(Procedure, "QT.SNV");

        Assert.Equal("QT.SNV-260302-0001", first.DossierCode);
        Assert.Equal("QT.SNV-260302-0002", second.DossierCode);
        Assert.Equal("QT.SNV-260303-0001", nextDay.DossierCode);
    }

    [Fact]
    public async Task The_code_pattern_comes_from_configuration_and_a_pattern_without_a_sequence_stops_the_service_from_starting()
    {
        _scenario.At(2026, 3, 2, 9, 30);
        await using var longCodes = _scenario.Fixture.Clocked.WithWebHostBuilder(host => host.UseSetting("Dossiers:CodePattern", "{agency}-{yyyyMMdd}-{seq:7}"));
        var desk = new DossierService.DossierServiceClient(ServiceFixture<Program>.CreateChannel(longCodes, DossierScenario.DeskOfficer("QT.SVHTTDL")));

        var receipt = (await desk.ReceiveDossierAsync(DossierScenario.NewIntake(Procedure, "QT.SVHTTDL"))).Receipt;
        await using var broken = _scenario.Fixture.Factory.WithWebHostBuilder(host => host.UseSetting("Dossiers:CodePattern", "{agency}-{yyMMdd}"));

        Assert.Equal("QT.SVHTTDL-20260302-0000001", receipt.DossierCode);
        Assert.Contains("CodePattern", Assert.ThrowsAny<Exception>(() => broken.Server).ToString());
    }

    [Fact]
    public async Task A_dossier_received_on_Friday_13_February_2026_at_10_00_for_five_working_days_is_due_after_Tet_on_Friday_27_February_at_17_00()
    {
        _scenario.At(2026, 2, 13, 10, 0);

        var receipt = await _scenario.ReceiveAsync(Procedure);

        Assert.Equal("QT.SKHCN-260213-0001", receipt.DossierCode);
        Assert.Equal("2026-02-13T10:00:00+07:00", receipt.ReceivedAtLocal);
        Assert.Equal("2026-02-13T10:00:00+07:00", receipt.LegalStartLocal);
        Assert.Equal("2026-02-27T17:00:00+07:00", receipt.DueAtLocal);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 10, 0, 0, TimeSpan.Zero), receipt.DueAt.ToDateTimeOffset());
        Assert.Equal(DossierStatus.Received, receipt.Status);
        Assert.Equal("Được tiếp nhận", receipt.StatusName);
        Assert.Equal("Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận", receipt.ProcedureName);
        Assert.Equal(1, receipt.ProcedureVersion);
        Assert.Equal(new StatutoryTime { Amount = "5", Unit = DurationUnit.WorkingDays }, receipt.StatutoryTime);
        Assert.Equal(2, receipt.Papers.Count);
        Assert.Equal(LookupSecret.Length, receipt.LookupSecret.Length);
        Assert.All(receipt.LookupSecret, c => Assert.Contains(c, LookupSecret.Alphabet));
    }

    [Fact]
    public async Task Retrying_an_intake_with_the_same_request_id_returns_the_same_receipt_and_creates_no_second_dossier()
    {
        _scenario.At(2026, 3, 4, 9, 0);
        var request = DossierScenario.NewIntake(Procedure, "QT.SCT");

        var first = await _scenario.ReceiveAsync(request);
        _scenario.At(2026, 3, 4, 9, 5);
        var retry = await _scenario.ReceiveAsync(request);
        var next = await _scenario.ReceiveAsync(Procedure, "QT.SCT");

        Assert.Equal(first, retry);
        Assert.Equal(1, await InDatabase(db => db.Dossiers.CountAsync(d => d.RequestId == Guid.Parse(request.RequestId))));
        Assert.Equal("QT.SCT-260304-0002", next.DossierCode);
    }

    [Fact]
    public async Task A_retry_arriving_with_new_intakes_gets_its_first_receipt_and_the_new_ones_commit_in_batches_without_a_gap()
    {
        _scenario.At(2026, 3, 4, 10, 0);
        var request = DossierScenario.NewIntake(Procedure, "QT.SGTVT");
        var first = await _scenario.ReceiveAsync(request);
        var batcher = _scenario.Fixture.Clocked.Services.GetRequiredService<IntakeBatcher>();
        var (batchedBefore, failedBefore) = (batcher.Batched, batcher.FailedBatches);

        var retry = _scenario.ReceiveAsync(request.Clone());
        var fresh = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _scenario.ReceiveAsync(Procedure, "QT.SGTVT")));

        Assert.Equal(first, await retry);
        Assert.Equal(Enumerable.Range(2, 10).Select(n => $"QT.SGTVT-260304-{n:0000}"), fresh.Select(r => r.DossierCode).Order());
        // The retry was found by the batch's look-up and answered one by one; no batch failed on it.
        Assert.Equal((10, 0), (batcher.Batched - batchedBefore, batcher.FailedBatches - failedBefore));
    }

    [Fact]
    public async Task Ten_identical_intakes_at_once_create_one_dossier_and_all_get_its_receipt()
    {
        _scenario.At(2026, 3, 5, 9, 0);
        var request = DossierScenario.NewIntake(Procedure, "QT.STC");

        var receipts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _scenario.ReceiveAsync(request.Clone())));

        Assert.All(receipts, r => Assert.Equal(receipts[0], r));
        Assert.Equal("QT.STC-260305-0001", receipts[0].DossierCode);
        Assert.Equal(1, await InDatabase(db => db.Dossiers.CountAsync(d => d.AgencyCode == "QT.STC")));
        Assert.Equal(1, await InDatabase(async db =>
        {
            var id = await db.Dossiers.Where(d => d.AgencyCode == "QT.STC").Select(d => d.Id).SingleAsync();
            return await db.AuditEntries.CountAsync(a => a.DossierId == id);
        }));
        // Losers of the race burned no number.
        Assert.Equal("QT.STC-260305-0002", (await _scenario.ReceiveAsync(Procedure, "QT.STC")).DossierCode);
    }

    [Fact]
    public async Task Ten_different_intakes_at_once_for_one_agency_get_ten_distinct_consecutive_codes()
    {
        _scenario.At(2026, 3, 6, 9, 0);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _scenario.ReceiveAsync(Procedure, "QT.SYT")));

        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"QT.SYT-260306-{n:0000}"), receipts.Select(r => r.DossierCode).Order());
    }

    [Fact]
    public async Task Intakes_at_once_commit_together_in_batches_each_with_its_audit_row_and_its_event_and_none_falls_back()
    {
        _scenario.At(2026, 3, 9, 9, 0);
        var batcher = _scenario.Fixture.Clocked.Services.GetRequiredService<IntakeBatcher>();
        var (batchedBefore, failedBefore) = (batcher.Batched, batcher.FailedBatches);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => _scenario.ReceiveAsync(Procedure, "QT.SXD")));

        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"QT.SXD-260309-{n:0000}"), receipts.Select(r => r.DossierCode).Order());
        Assert.Equal((24, 0), (batcher.Batched - batchedBefore, batcher.FailedBatches - failedBefore));
        using var scope = _scenario.Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var codes = receipts.Select(r => r.DossierCode).ToList();
        var ids = await db.Dossiers.Where(d => codes.Contains(d.Code)).Select(d => d.Id).ToListAsync();
        Assert.Equal(24, await db.AuditEntries.CountAsync(a => ids.Contains(a.DossierId) && a.Action == "Intake"));
        Assert.Equal(24, await db.Events.CountAsync(e => codes.Contains(e.DossierCode)));
    }

    [Fact]
    public async Task Reusing_a_request_id_for_other_content_or_by_another_caller_is_FAILED_PRECONDITION_and_creates_nothing()
    {
        _scenario.At(2026, 3, 9, 9, 0);
        var request = DossierScenario.NewIntake(Procedure, "QT.SGTVT");
        await _scenario.ReceiveAsync(request);
        var changed = request.Clone();
        changed.Applicant.Name = "Trần Văn Nam";
        var otherDesk = TestIdentity.Issuer.Issue("another-desk-officer", "Lê Văn Bình", [ServiceDefaults.Security.Roles.DeskOfficer],
            "QT.SGTVT.MC", "QT.SGTVT", TimeSpan.FromHours(1));

        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _scenario.ReceiveAsync(changed));
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _scenario.ReceiveAsync(request.Clone(), otherDesk));

        Assert.Equal("REQUEST_ID_REUSED", status.GetDetail<PreconditionFailure>()?.Violations.Single().Type);
        Assert.Equal(1, await InDatabase(db => db.Dossiers.CountAsync(d => d.AgencyCode == "QT.SGTVT")));
    }

    [Fact]
    public async Task An_online_submission_waits_as_SUBMITTED_and_receiving_it_starts_the_clock_under_the_version_it_was_submitted_under()
    {
        const string code = "1.000102";
        await _scenario.ProcedureAsync(code, workingDays: 5);
        _scenario.At(2026, 3, 9, 20, 0);
        var submission = DossierScenario.NewIntake(code, channel: IntakeChannel.Online);
        submission.ReceivingUnitCode = DossierScenario.DeskUnit;
        var receipt = await _scenario.ReceiveAsync(submission, DossierScenario.Integrator);
        // The procedure is amended after the submission: version 2 allows only 2 working days.
        await InDatabase(async db =>
        {
            var v1 = await db.Procedures.AsNoTracking().SingleAsync(p => p.Code == code);
            db.Procedures.Add(new StoredProcedure
            {
                Code = code, Version = 2, Name = v1.Name, Field = v1.Field, AgencyCode = v1.AgencyCode,
                ProcessingUnitCode = v1.ProcessingUnitCode, StatutoryAmount = 2, StatutoryUnit = StoredUnit.WorkingDays,
            });
            return await db.SaveChangesAsync();
        });

        _scenario.At(2026, 3, 11, 10, 0);
        var received = await _scenario.ActAsync(DossierScenario.DeskOfficer(), receipt.DossierCode, DossierAction.Receive);

        Assert.Equal(DossierStatus.Submitted, receipt.Status);
        Assert.Equal(DossierStatus.Received, received.Status);
        Assert.Equal(1, received.ProcedureVersion);
        Assert.Equal("2026-03-11T10:00:00+07:00", VietnamIso(received.ReceivedAt));
        Assert.Equal("2026-03-18T17:00:00+07:00", received.DueAtLocal);
        Assert.Equal(IntakeChannel.Online, received.Channel);
    }

    [Fact]
    public async Task An_integrator_submits_online_dossiers_only_and_names_the_receiving_desk()
    {
        var paper = DossierScenario.NewIntake(Procedure);
        paper.ReceivingUnitCode = DossierScenario.DeskUnit;
        var online = DossierScenario.NewIntake(Procedure, channel: IntakeChannel.Online);

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _scenario.ReceiveAsync(paper, DossierScenario.Integrator));
        await RpcAssert.InvalidFields(() => _scenario.ReceiveAsync(online, DossierScenario.Integrator), "receiving_unit_code");
    }

    [Fact]
    public async Task A_desk_officer_receives_only_for_their_own_unit()
    {
        var request = DossierScenario.NewIntake(Procedure);
        request.ReceivingUnitCode = "QT.SKHCN.TDC";

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _scenario.ReceiveAsync(request));
    }

    [Fact]
    public async Task Invalid_applicant_procedure_and_papers_are_reported_field_by_field()
    {
        var request = DossierScenario.NewIntake("1000101");
        request.RequestId = "not-a-uuid";
        request.Applicant.IdentityNumber = "04509000123";
        request.Applicant.Phone = "12345";
        request.Applicant.Email = "hoa";
        request.Channel = IntakeChannel.Unspecified;
        request.Papers[1].Count = 0;
        request.Papers[1].Kind = PaperKind.Unspecified;
        request.ReceivingUnitCode = "QT.SYT.MC";

        await RpcAssert.InvalidFields(() => _scenario.ReceiveAsync(request, DossierScenario.DeskOfficer()),
            "request_id", "applicant.identity_number", "applicant.phone", "applicant.email", "procedure_code", "channel",
            "papers[1].count", "papers[1].kind", "receiving_unit_code");
    }

    [Fact]
    public async Task An_organisation_applies_with_its_tax_code_not_a_citizen_id()
    {
        _scenario.At(2026, 3, 10, 9, 0);
        var request = DossierScenario.NewIntake(Procedure, "QT.SNN");
        request.Applicant.Kind = ApplicantKind.Organization;
        request.Applicant.Name = "Công ty TNHH Thiết bị Đo lường Quảng Trị";
        request.Applicant.IdentityNumber = "3200123456-001";

        var receipt = await _scenario.ReceiveAsync(request);
        request.RequestId = Guid.NewGuid().ToString();
        request.Applicant.IdentityNumber = "045090001234";

        Assert.Equal("QT.SNN-260310-0001", receipt.DossierCode);
        await RpcAssert.InvalidFields(() => _scenario.ReceiveAsync(request), "applicant.identity_number");
    }

    [Fact]
    public async Task An_unknown_procedure_is_NOT_FOUND_and_uses_no_number()
    {
        _scenario.At(2026, 3, 12, 9, 0);

        var status = await RpcAssert.FailsWith(StatusCode.NotFound, () => _scenario.ReceiveAsync("9.999999", "QT.SXD"));
        var next = await _scenario.ReceiveAsync(Procedure, "QT.SXD");

        Assert.Equal("9.999999", status.GetDetail<ResourceInfo>()?.ResourceName);
        Assert.Equal("QT.SXD-260312-0001", next.DossierCode);
    }

    private static string VietnamIso(Google.Protobuf.WellKnownTypes.Timestamp timestamp) =>
        timestamp.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
}
