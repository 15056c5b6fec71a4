using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>
/// The units whose officials see a dossier, kept by the database (DossierScopeUnit) and read by a unit's listing:
/// they follow the dossier wherever it goes, by the API or by a repair in SQL.
/// </summary>
public sealed class DossierScopeUnitTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000631";
    private const string OtherAgency = "QT.STNMT";
    private const string OtherUnit = "QT.STNMT.MT";
    // Agencies of their own, one per test, so no other test's dossier is listed with these.
    private const string Builders = "QT.SXD";
    private const string Interior = "QT.SNV";
    private const string Transport = "QT.SGTVT";
    private readonly DossierScenario _scenario;

    public DossierScopeUnitTests(DossiersFixture fixture) => _scenario = new DossierScenario(fixture);

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

    /// <summary>The dossier's scope units, after checking that each row carries the dossier's status.</summary>
    private async Task<string[]> ScopeUnitsAsync(string code)
    {
        using var scope = _scenario.Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var dossier = await db.Dossiers.Where(d => d.Code == code).Select(d => new { d.Id, d.Status }).SingleAsync();
        var rows = await db.ScopeUnits.Where(s => s.DossierId == dossier.Id).ToListAsync();
        Assert.All(rows, row => Assert.Equal(dossier.Status, row.Status));
        return [.. rows.Select(r => r.UnitCode).Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> ListAllAsync(string unit, int pageSize = 50, params DossierStatus[] statuses)
    {
        var listed = new List<string>();
        var token = "";
        do
        {
            var page = await _scenario.Dossiers(TestIdentity.Administrator).ListDossiersAsync(new ListDossiersRequest
            {
                UnitCode = unit, PageSize = pageSize, PageToken = token, Statuses = { statuses },
            });
            listed.AddRange(page.Dossiers.Select(d => d.Code));
            token = page.NextPageToken;
        } while (token.Length > 0);
        return listed;
    }

    [Fact]
    public async Task A_dossiers_units_follow_it_from_the_desk_to_processing_to_another_agency_and_back()
    {
        _scenario.At(2026, 6, 22, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        var received = await ScopeUnitsAsync(receipt.DossierCode);
        _scenario.At(2026, 6, 22, 10, 0);
        await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
        var processing = await ScopeUnitsAsync(receipt.DossierCode);

        var current = await _scenario.GetAsync(receipt.DossierCode, ProcessingOfficer(QualityUnit));
        await _scenario.Dossiers(ProcessingOfficer(QualityUnit)).TransferToAgencyAsync(new TransferToAgencyRequest
        {
            DossierCode = receipt.DossierCode, Etag = current.Etag, ToAgencyCode = OtherAgency, ToUnitCode = OtherUnit,
            Purpose = "Lấy ý kiến thẩm định", Allowance = new StatutoryTime { Amount = "3", Unit = DurationUnit.WorkingDays },
        });
        var away = await ScopeUnitsAsync(receipt.DossierCode);
        var listedAway = await ListAllAsync(OtherAgency);

        var environment = TestIdentity.Token(Roles.ProcessingOfficer, OtherUnit, OtherAgency);
        current = await _scenario.GetAsync(receipt.DossierCode, environment);
        await _scenario.Dossiers(environment).ReturnFromAgencyAsync(new ReturnFromAgencyRequest
        {
            DossierCode = receipt.DossierCode, Etag = current.Etag, Outcome = AgencyTransferOutcome.Completed, OutcomeNote = "Thống nhất",
        });
        var back = await ScopeUnitsAsync(receipt.DossierCode);
        var listedBack = await ListAllAsync(OtherAgency);

        Assert.Equal(["QT", Agency, DeskUnit], received);
        Assert.Equal(["QT", Agency, DeskUnit, QualityUnit], processing);
        // Away: held by the other agency's unit, and the unit that sent it keeps sight of it.
        Assert.Equal(["QT", Agency, DeskUnit, QualityUnit, OtherAgency, OtherUnit], away);
        Assert.Contains(receipt.DossierCode, listedAway);
        Assert.Equal(["QT", Agency, DeskUnit, QualityUnit], back);
        Assert.DoesNotContain(receipt.DossierCode, listedBack);
    }

    [Fact]
    public async Task A_unit_lists_its_own_and_its_sub_units_dossiers_once_each_in_order_and_a_code_that_only_begins_like_it_lists_none()
    {
        _scenario.At(2026, 6, 23, 9, 0);
        var codes = new List<string>();
        foreach (var unit in new[] { $"{Builders}.MC", $"{Builders}.MC.TP", Builders, $"{Builders}.MC", $"{Builders}.MC.TP" })
        {
            var request = NewIntake(Procedure, Builders);
            request.ReceivingUnitCode = unit;
            codes.Add((await _scenario.ReceiveAsync(request, TestIdentity.Token(Roles.DeskOfficer, unit, Builders))).DossierCode);
        }

        _scenario.At(2026, 6, 23, 10, 0);
        await _scenario.ActAsync(TestIdentity.Token(Roles.DeskOfficer, Builders, Builders), codes[2], DossierAction.StartProcessing);

        var agency = await ListAllAsync(Builders, pageSize: 2);
        var received = await ListAllAsync(Builders, pageSize: 2, DossierStatus.Received, DossierStatus.Received);
        var inProgress = await ListAllAsync(Builders, pageSize: 2, DossierStatus.InProgress, DossierStatus.SupplementRequested);
        var desk = await ListAllAsync($"{Builders}.MC", pageSize: 2);
        var subDesk = await ListAllAsync($"{Builders}.MC.TP");
        var province = await ListAllAsync("QT", pageSize: 500);
        var lookalike = await ListAllAsync("QT.SX");
        var partOfASegment = await ListAllAsync($"{Builders}.M");

        Assert.Equal(codes, agency);
        Assert.Equal(codes.Where((_, i) => i != 2), received);
        Assert.Equal([codes[2]], inProgress);
        Assert.Equal([codes[0], codes[1], codes[3], codes[4]], desk);
        Assert.Equal([codes[1], codes[4]], subDesk);
        Assert.Equal(codes, province.Where(codes.Contains));
        Assert.Equal(province.Distinct(), province);
        Assert.Empty(lookalike);
        Assert.Empty(partOfASegment);
    }

    [Fact]
    public async Task A_repair_in_SQL_moves_a_dossiers_units_and_status_with_it()
    {
        _scenario.At(2026, 6, 24, 9, 0);
        var receipt = await _scenario.ReceiveAsync(NewIntake(Procedure, Interior), DeskOfficer(Interior));

        using (var scope = _scenario.Fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            await db.Database.ExecuteSqlAsync(
                $"UPDATE dossiers SET status = 5, current_unit_code = 'QT.SNV.CCVC', transferred_from_unit_code = 'QT.SNV.TCBC' WHERE code = {receipt.DossierCode}");
        }
        var moved = await ScopeUnitsAsync(receipt.DossierCode);
        var listedByNewUnit = await ListAllAsync("QT.SNV.CCVC", 50, DossierStatus.SupplementRequested);

        Assert.Equal(["QT", Interior, $"{Interior}.CCVC", $"{Interior}.MC", $"{Interior}.TCBC"], moved);
        Assert.Contains(receipt.DossierCode, listedByNewUnit);
    }

    [Fact]
    public async Task A_listed_summary_shows_what_the_dossier_itself_shows()
    {
        _scenario.At(2026, 6, 25, 9, 0);
        var request = NewIntake(Procedure, Transport);
        request.Papers.Add(new Paper { Name = "Bản sao giấy chứng nhận", Kind = PaperKind.Copy, Count = 2 });
        var receipt = await _scenario.ReceiveAsync(request, DeskOfficer(Transport));
        _scenario.At(2026, 6, 25, 10, 0);
        await _scenario.ActAsync(DeskOfficer(Transport), receipt.DossierCode, DossierAction.StartProcessing);

        var full = await _scenario.GetAsync(receipt.DossierCode, TestIdentity.Administrator);
        var summary = (await _scenario.Dossiers(TestIdentity.Administrator).ListDossiersAsync(new ListDossiersRequest
        {
            UnitCode = $"{Transport}.MC", Statuses = { DossierStatus.InProgress }, PageSize = 500,
        })).Dossiers.Single(d => d.Code == receipt.DossierCode);

        Assert.Equal(
            (full.Etag, full.Status, full.StatusName, full.ProcedureCode, full.ProcedureName, full.Applicant.Name),
            (summary.Etag, summary.Status, summary.StatusName, summary.ProcedureCode, summary.ProcedureName, summary.ApplicantName));
        Assert.Equal((full.ReceivingUnitCode, full.CurrentUnitCode, full.ReceivedAt, full.DueAt, full.OnTime),
            (summary.ReceivingUnitCode, summary.CurrentUnitCode, summary.ReceivedAt, summary.DueAt, summary.OnTime));
        Assert.Equal((full.Papers.Count, full.PapersDigitised, full.PapersReused, full.ResultElectronic, full.HasPaidOnline, full.Rating is not null),
            (summary.PapersTotal, summary.PapersDigitised, summary.PapersReused, summary.ResultElectronic, summary.HasPaidOnline, summary.Rated));
        Assert.Equal(request.Papers.Count, summary.PapersTotal);
        Assert.Equal(DossierStatus.InProgress, summary.Status);
    }
}

/// <summary>
/// The migration that brought the scope rows, on a database already holding dossiers: taken back (its Down) and applied
/// again, it fills every stored dossier's rows as the triggers had kept them. A class of its own: its own database.
/// </summary>
public sealed class DossierScopeMigrationTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private const string Procedure = "1.000632";
    private const string Before = "20261206070000_CalendarRevision";

    [Fact]
    public async Task Applied_to_stored_dossiers_the_migration_fills_the_rows_the_triggers_keep()
    {
        var scenario = new DossierScenario(fixture);
        await scenario.ProcedureAsync(Procedure, workingDays: 10);
        scenario.At(2026, 6, 29, 9, 0);
        var waiting = await scenario.ReceiveAsync(Procedure);
        var processing = await scenario.ReceiveAsync(Procedure);
        scenario.At(2026, 6, 29, 10, 0);
        await scenario.ActAsync(DeskOfficer(), processing.DossierCode, DossierAction.StartProcessing);
        var other = await scenario.ReceiveAsync(NewIntake(Procedure, "QT.SYT"), DeskOfficer("QT.SYT"));

        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var kept = await Rows(db);
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync(Before);
        var tableGone = !await db.Database.SqlQuery<bool>($"SELECT to_regclass('dossier_scope_units') IS NOT NULL AS \"Value\"").SingleAsync();
        await migrator.MigrateAsync();
        var filled = await Rows(db);
        var listed = await scenario.Dossiers(TestIdentity.Administrator).ListDossiersAsync(new ListDossiersRequest { UnitCode = "QT", PageSize = 500 });

        Assert.True(tableGone);
        Assert.Equal(10, kept.Count);
        Assert.Equal(kept, filled);
        Assert.Equal([waiting.DossierCode, processing.DossierCode, other.DossierCode], listed.Dossiers.Select(d => d.Code));
    }

    private static async Task<List<string>> Rows(DossiersDbContext db) =>
        [.. (await db.ScopeUnits.AsNoTracking().ToListAsync())
            .Select(r => $"{r.UnitCode}|{(int)r.Status}|{r.DossierId}").Order(StringComparer.Ordinal)];
}
