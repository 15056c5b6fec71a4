using Cchc.Dossiers.StepDeadlines;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Dossiers.Tests;

/// <summary>A dossier's unit is warned before its step's allowance runs out and when it has, once per step and stage.</summary>
public sealed class StepWatchTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000404";
    private readonly DossierScenario _scenario;

    public StepWatchTests(DossiersFixture fixture) => _scenario = new DossierScenario(fixture);

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 2, name: "Cấp Giấy chứng nhận đăng ký hoạt động thử nghiệm");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<(int DueSoon, int Overdue)> ScanAsync() =>
        _scenario.Fixture.Clocked.Services.GetRequiredService<StepWatch>().ScanAsync(CancellationToken.None);

    private async Task<List<DossierChange>> EventsOf(string code)
    {
        var feed = new DossierChangeFeed.DossierChangeFeedClient(_scenario.Fixture.CreateChannel());
        var all = new List<DossierChange>();
        long cursor = 0;
        while (true)
        {
            var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = cursor, PageSize = 500 });
            all.AddRange(page.Changes.Where(c => c.DossierCode == code));
            if (page.Changes.Count == 0)
            {
                return all;
            }
            cursor = page.LastSequence;
        }
    }

    [Fact]
    public async Task The_unit_is_warned_half_a_working_day_before_the_step_runs_out_then_told_it_is_overdue_once_each()
    {
        // Received on Monday 16/11/2026 at 09:00; two working days.
        _scenario.At(2026, 11, 16, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        var due = DateTime.Parse(receipt.DueAtLocal[..19], System.Globalization.CultureInfo.InvariantCulture);
        // The desk hands it to the processing unit, whose step runs until the appointment.
        _scenario.At(2026, 11, 16, 10, 0);
        await _scenario.ActAsync(DossierScenario.DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);

        // More than a working day before the end: nothing yet.
        var early = due.AddDays(-1);
        _scenario.At(early.Year, early.Month, early.Day, 10, 0);
        await ScanAsync();
        Assert.DoesNotContain(await EventsOf(receipt.DossierCode), e => e.Type.StartsWith("dossier.step_", StringComparison.Ordinal));

        // Two working hours left: warned, once however often the watch runs.
        var soon = due.AddHours(-2);
        _scenario.At(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute);
        await ScanAsync();
        await ScanAsync();
        var warned = Assert.Single(await EventsOf(receipt.DossierCode), e => e.Type == "dossier.step_due_soon");
        Assert.Equal(DossierScenario.QualityUnit, warned.Payload.Fields["unitCode"].StringValue);
        Assert.Equal($"{due:HH} giờ {due:mm}, ngày {due:dd/MM/yyyy}", warned.Payload.Fields["stepDue"].StringValue);
        Assert.Equal("Cấp Giấy chứng nhận đăng ký hoạt động thử nghiệm", warned.Payload.Fields["procedureName"].StringValue);

        // Past the end: overdue, once.
        var late = due.AddHours(1);
        _scenario.At(late.Year, late.Month, late.Day, late.Hour, late.Minute);
        await ScanAsync();
        await ScanAsync();
        var events = await EventsOf(receipt.DossierCode);
        Assert.Single(events, e => e.Type == "dossier.step_overdue");
        Assert.Single(events, e => e.Type == "dossier.step_due_soon");
    }

    [Fact]
    public async Task A_dossier_waiting_for_a_supplement_is_not_chased()
    {
        _scenario.At(2026, 11, 16, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        _scenario.At(2026, 11, 16, 10, 0);
        await _scenario.ActAsync(DossierScenario.DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
        await _scenario.ActAsync(DossierScenario.ProcessingOfficer(DossierScenario.QualityUnit), receipt.DossierCode, DossierAction.RequestSupplement, r =>
        {
            r.Reason = "Thiếu giấy chứng nhận";
            r.SupplementRequirements = "Bản sao giấy chứng nhận còn hiệu lực";
        });
        _scenario.At(2026, 12, 31, 10, 0);
        await ScanAsync();
        Assert.DoesNotContain(await EventsOf(receipt.DossierCode), e => e.Type.StartsWith("dossier.step_", StringComparison.Ordinal));
    }
}
