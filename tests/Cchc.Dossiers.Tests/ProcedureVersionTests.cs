using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>Versions of a procedure, its internal process, fees, papers and target time.</summary>
public sealed class ProcedureVersionTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private readonly DossierScenario _scenario = new(fixture);
    private readonly ProcedureCatalog.ProcedureCatalogClient _catalog = new(fixture.ClockedChannel(TestIdentity.Administrator));

    private static Procedure Full(string code, int workingDays = 15) => new()
    {
        Code = code,
        Name = "Cấp Giấy chứng nhận đăng ký hoạt động thử nghiệm",
        Field = "Tiêu chuẩn, Đo lường, Chất lượng",
        AgencyCode = Agency,
        ProcessingUnitCode = QualityUnit,
        StatutoryTime = new StatutoryTime { Amount = workingDays.ToString(), Unit = DurationUnit.WorkingDays },
        OnlineLevel = OnlineLevel.Partial,
        Fees =
        {
            new ProcedureFee { Name = "Phí thẩm định điều kiện hoạt động", Kind = FeeKind.Fee, AmountVnd = 1_500_000 },
            new ProcedureFee { Name = "Lệ phí cấp giấy chứng nhận", Kind = FeeKind.Charge, AmountVnd = 200_000 },
        },
        RequiredPapers =
        {
            new RequiredPaper { Code = "DON-DE-NGHI", Name = "Đơn đăng ký hoạt động thử nghiệm", Kind = PaperKind.Original, Count = 1 },
            new RequiredPaper { Name = "Quyết định thành lập", Kind = PaperKind.Copy, Count = 1 },
        },
        ResultKind = ResultKind.Certificate,
        ResultName = "Giấy chứng nhận đăng ký hoạt động thử nghiệm",
        ProcessSteps =
        {
            Step("Tiếp nhận, chuyển hồ sơ", DeskUnit, "desk_officer", "0.5"),
            Step("Thẩm định hồ sơ", "", "processing_officer", "10"),
            Step("Xem xét, trình ký", "", "unit_head", "2"),
            Step("Ký duyệt kết quả", Agency, "leadership", "2"),
            Step("Trả kết quả", DeskUnit, "desk_officer", "0.5"),
        },
        TargetCutPercent = 25,
        ChangeNote = "Quyết định công bố số 1234/QĐ-UBND",
    };

    [Fact]
    public async Task A_hand_over_without_an_allowance_gives_the_unit_its_step_of_the_internal_process()
    {
        var code = $"2.{Random.Shared.Next(100_000, 999_999)}";
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Full(code) });
        // Monday 16 March 2026 08:00; 15 working days.
        _scenario.At(2026, 3, 16, 8, 0);
        var receipt = await _scenario.ReceiveAsync(code);
        _scenario.At(2026, 3, 16, 9, 0);
        await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
        _scenario.At(2026, 3, 17, 9, 0);
        await _scenario.ActAsync(ProcessingOfficer(QualityUnit), receipt.DossierCode, DossierAction.CompleteResult);

        var dossier = await _scenario.GetAsync(receipt.DossierCode, UnitHead(Agency));
        // "Thẩm định hồ sơ", the processing unit's step: 10 working days of 7.5 hours.
        var processing = dossier.Steps.Single(s => s.FromUnitCode == QualityUnit);
        Assert.Equal(10 * 450, (int)processing.Allowance.ToTimeSpan().TotalMinutes);
        Assert.Equal(StepOutcome.Early, processing.Outcome);
    }

    private static ProcessStep Step(string name, string unit, string role, string days) => new()
    {
        Name = name, UnitCode = unit, Role = role, Allowance = new StatutoryTime { Amount = days, Unit = DurationUnit.WorkingDays },
    };

    private async Task<T> InDatabase<T>(Func<DossiersDbContext, Task<T>> query)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<DossiersDbContext>());
    }

    [Fact]
    public async Task A_procedure_keeps_its_fees_papers_result_process_and_target_with_the_target_cut_rounded_down()
    {
        var created = (await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Full("3.000001") })).Procedure;
        var read = (await _catalog.GetProcedureAsync(new GetProcedureRequest { Code = "3.000001" })).Procedure;

        Assert.Equal(created, read);
        Assert.Equal(1_700_000, read.FeeVnd);
        Assert.Equal([FeeKind.Fee, FeeKind.Charge], read.Fees.Select(f => f.Kind));
        Assert.Equal(["DON-DE-NGHI", ""], read.RequiredPapers.Select(p => p.Code));
        Assert.Equal(ResultKind.Certificate, read.ResultKind);
        Assert.Equal([1, 2, 3, 4, 5], read.ProcessSteps.Select(s => s.Order));
        Assert.Equal(["0.5", "10", "2", "2", "0.5"], read.ProcessSteps.Select(s => s.Allowance.Amount));
        // 15 working days less 25% is 11.25: the target is 11 days, a cut of at least 25%.
        Assert.Equal(25, read.TargetCutPercent);
        Assert.Equal(new StatutoryTime { Amount = "11", Unit = DurationUnit.WorkingDays }, read.TargetTime);
        Assert.Equal("Quyết định công bố số 1234/QĐ-UBND", read.ChangeNote);
        Assert.Equal("test-administrator", read.CreatedBy);
    }

    [Fact]
    public async Task Process_steps_that_add_up_to_more_than_the_statutory_time_are_refused_step_by_step()
    {
        var input = Full("3.000002", workingDays: 10);
        input.ProcessSteps.Add(Step("Lấy ý kiến chuyên gia", "", "auditor", "1"));
        input.ProcessSteps[1].Allowance.Unit = DurationUnit.WorkingHours;

        var bad = await RpcAssert.InvalidFields(() => _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = input }).ResponseAsync,
            "procedure.process_steps", "procedure.process_steps[5].role", "procedure.process_steps[1].allowance.unit");

        Assert.Contains(bad.FieldViolations, v => v.Field == "procedure.process_steps" && v.Description.Contains("more than the statutory time of 10"));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => _catalog.GetProcedureAsync(new GetProcedureRequest { Code = "3.000002" }).ResponseAsync);
    }

    [Fact]
    public async Task Fees_that_do_not_add_up_and_a_target_given_twice_or_above_the_statutory_time_are_refused()
    {
        var twice = Full("3.000003");
        twice.FeeVnd = 1_000;
        twice.TargetTime = new StatutoryTime { Amount = "10", Unit = DurationUnit.WorkingDays };
        var above = Full("3.000003");
        above.TargetCutPercent = 0;
        above.TargetTime = new StatutoryTime { Amount = "16", Unit = DurationUnit.WorkingDays };

        await RpcAssert.InvalidFields(() => _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = twice }).ResponseAsync,
            "procedure.fee_vnd", "procedure.target_time");
        await RpcAssert.InvalidFields(() => _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = above }).ResponseAsync,
            "procedure.target_time.amount");
    }

    [Fact]
    public async Task The_latest_version_another_instance_amends_replaces_the_one_this_instance_has_in_memory()
    {
        const string code = "3.000014";
        var other = new ProcedureCatalog.ProcedureCatalogClient(ServiceFixture<Program>.CreateChannel(fixture.Factory, TestIdentity.Administrator));
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Full(code) });
        // Both instances read (and keep) version 1 as the latest.
        Assert.Equal(1, (await other.GetProcedureAsync(new GetProcedureRequest { Code = code })).Procedure.Version);
        Assert.Equal(1, (await _catalog.GetProcedureAsync(new GetProcedureRequest { Code = code })).Procedure.Version);

        var amended = Full(code);
        amended.Code = "";
        amended.ChangeNote = "Quyết định 568/QĐ-UBND";
        await _catalog.AmendProcedureAsync(new AmendProcedureRequest { Code = code, BaseVersion = 1, Procedure = amended });

        // The amending instance at once; the other when the shared cache's message reaches it.
        var here = (await _catalog.GetProcedureAsync(new GetProcedureRequest { Code = code })).Procedure.Version;
        var there = 0;
        for (var attempt = 0; attempt < 100 && there != 2; attempt++)
        {
            there = (await other.GetProcedureAsync(new GetProcedureRequest { Code = code })).Procedure.Version;
            if (there != 2)
            {
                await Task.Delay(100);
            }
        }
        var v1 = (await other.GetProcedureAsync(new GetProcedureRequest { Code = code, Version = 1 })).Procedure;

        Assert.Equal((2, 2), (here, there));
        Assert.Equal((1, "15"), (v1.Version, v1.StatutoryTime.Amount));
    }

    [Fact]
    public async Task Amending_writes_the_next_version_and_a_dossier_received_before_keeps_its_version_statutory_time_and_appointment()
    {
        const string code = "3.000004";
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Full(code) });
        _scenario.At(2026, 6, 1, 9, 0);
        var before = await _scenario.ReceiveAsync(code);

        var amended = Full(code, workingDays: 10);
        amended.Code = "";
        amended.ProcessSteps.RemoveAt(1);
        amended.TargetCutPercent = 50;
        amended.ChangeNote = "Quyết định 567/QĐ-UBND: rút ngắn thời hạn giải quyết còn 10 ngày làm việc";
        var v2 = (await _catalog.AmendProcedureAsync(new AmendProcedureRequest { Code = code, BaseVersion = 1, Procedure = amended })).Procedure;
        _scenario.At(2026, 6, 1, 9, 30);
        var after = await _scenario.ReceiveAsync(code);

        var versions = (await _catalog.ListProcedureVersionsAsync(new ListProcedureVersionsRequest { Code = code })).Versions;
        var v1 = (await _catalog.GetProcedureAsync(new GetProcedureRequest { Code = code, Version = 1 })).Procedure;
        var oldDossier = await _scenario.GetAsync(before.DossierCode);
        var newDossier = await _scenario.GetAsync(after.DossierCode);

        Assert.Equal(2, v2.Version);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal("15", v1.StatutoryTime.Amount);
        Assert.Equal("11", v1.TargetTime.Amount);
        Assert.Equal("5", v2.TargetTime.Amount);
        Assert.Equal((1, "15", "2026-06-22T17:00:00+07:00"), (oldDossier.ProcedureVersion, oldDossier.StatutoryTime.Amount, oldDossier.DueAtLocal));
        Assert.Equal((2, "10", "2026-06-15T17:00:00+07:00"), (newDossier.ProcedureVersion, newDossier.StatutoryTime.Amount, newDossier.DueAtLocal));
    }

    [Fact]
    public async Task Amending_from_a_stale_version_is_ABORTED_and_writes_nothing()
    {
        const string code = "3.000005";
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Full(code) });
        await _catalog.AmendProcedureAsync(new AmendProcedureRequest { Code = code, BaseVersion = 1, Procedure = Full(code) });

        var stale = Full(code);
        stale.Name = "Tên sửa từ bản cũ";
        await RpcAssert.FailsWith(StatusCode.Aborted,
            () => _catalog.AmendProcedureAsync(new AmendProcedureRequest { Code = code, BaseVersion = 1, Procedure = stale }).ResponseAsync);
        var noNote = Full(code);
        noNote.ChangeNote = "";
        await RpcAssert.InvalidFields(
            () => _catalog.AmendProcedureAsync(new AmendProcedureRequest { Code = code, BaseVersion = 2, Procedure = noNote }).ResponseAsync,
            "procedure.change_note");
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => _catalog.AmendProcedureAsync(new AmendProcedureRequest { Code = "3.999999", BaseVersion = 1, Procedure = Full("3.999999") }).ResponseAsync);

        var versions = (await _catalog.ListProcedureVersionsAsync(new ListProcedureVersionsRequest { Code = code })).Versions;
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.DoesNotContain(versions, v => v.Name == stale.Name);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_a_written_version()
    {
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Full("3.000006") });

        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            InDatabase(db => db.Database.ExecuteSqlAsync($"UPDATE procedures SET statutory_amount = 1 WHERE code = '3.000006'")));
        var delete = await Assert.ThrowsAsync<PostgresException>(() =>
            InDatabase(db => db.Database.ExecuteSqlAsync($"DELETE FROM procedures WHERE code = '3.000006'")));

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
        Assert.Equal("15", (await _catalog.GetProcedureAsync(new GetProcedureRequest { Code = "3.000006" })).Procedure.StatutoryTime.Amount);
    }

    [Fact]
    public async Task A_dossier_is_tracked_against_the_target_time_and_its_actual_working_time_is_kept()
    {
        const string code = "3.000007";
        var procedure = Full(code, workingDays: 8);
        procedure.ProcessSteps.Clear();
        procedure.TargetCutPercent = 50;
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = procedure });
        var desk = DeskOfficer();
        var quality = ProcessingOfficer(QualityUnit);

        _scenario.At(2026, 6, 1, 9, 0);
        var fast = await _scenario.ReceiveAsync(code);
        var slow = await _scenario.ReceiveAsync(code);
        _scenario.At(2026, 6, 1, 10, 0);
        await _scenario.ActAsync(desk, fast.DossierCode, DossierAction.StartProcessing);
        await _scenario.ActAsync(desk, slow.DossierCode, DossierAction.StartProcessing);
        _scenario.At(2026, 6, 3, 10, 0);
        var fastDone = await _scenario.ActAsync(quality, fast.DossierCode, DossierAction.CompleteResult);
        _scenario.At(2026, 6, 8, 9, 0);
        var slowDone = await _scenario.ActAsync(quality, slow.DossierCode, DossierAction.CompleteResult);

        // 8 working days from Monday 1/6: due Thursday 11/6; the 4-day target: Friday 5/6.
        Assert.Equal("2026-06-05T17:00:00+07:00", Local(fastDone.TargetDueAt));
        Assert.True(fastDone.WithinTarget);
        // Monday 9:00–17:00 (6 h), Tuesday (7.5 h), Wednesday 7:30–10:00 (2.5 h).
        Assert.Equal(TimeSpan.FromHours(16), fastDone.ProcessingTime.ToTimeSpan());
        Assert.False(slowDone.WithinTarget);
        Assert.True(slowDone.OnTime);
    }

    [Fact]
    public async Task The_portal_amends_and_reads_versions_over_REST()
    {
        const string code = "3.000008";
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Full(code) });
        using var admin = fixture.CreateRestClient();
        var body = JsonSerializer.Deserialize<JsonElement>(Google.Protobuf.JsonFormatter.Default.Format(Full(code)));

        var amended = await admin.PostAsJsonAsync($"/dossiers/v1/procedures/{code}:amend", new { baseVersion = 1, procedure = body });
        var versions = await fixture.Factory.CreateClient().GetFromJsonAsync<JsonElement>($"/dossiers/v1/procedures/{code}/versions");
        var stale = await admin.PostAsJsonAsync($"/dossiers/v1/procedures/{code}:amend", new { baseVersion = 1, procedure = body });

        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.Equal(2, versions.GetProperty("versions").GetArrayLength());
        Assert.Equal(2, versions.GetProperty("versions")[0].GetProperty("version").GetInt32());
        await RpcAssert.RestFails(stale, HttpStatusCode.Conflict);
    }

    private static string Local(Google.Protobuf.WellKnownTypes.Timestamp timestamp) =>
        timestamp.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
}
