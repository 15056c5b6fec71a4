using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cchc.Dossiers.Tests;

/// <summary>The service as a developer starts it: Development, demo catalogue and dossiers seeded (fewer, for speed).</summary>
public sealed class DemoDataFixture() : ServiceFixture<Program>(Resources.DossiersDb, "Development",
    new Dictionary<string, string> { ["Dossiers:StepWatch:Enabled"] = "false", ["Dossiers:DemoData:Dossiers"] = "300" });

public sealed class DemoDataTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    [Fact]
    public async Task Development_seeds_the_catalogue_and_dossiers_once_and_statistics_show_every_outcome()
    {
        var seeder = fixture.Factory.Services.GetRequiredService<DemoDossierSeeder>();
        var added = await seeder.Completed.WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(added > 250, $"{added} dossiers added");

        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var dossiers = await db.Dossiers.CountAsync();
        var events = await db.Events.CountAsync();
        var audit = await db.AuditEntries.CountAsync();
        Assert.Equal(added, dossiers);
        Assert.Equal(30, await db.Procedures.CountAsync());

        // Again, as at the next start: nothing more.
        await new DemoProcedureSeeder().SeedAsync(db, CancellationToken.None);
        var again = new DemoDossierSeeder(scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>(),
            scope.ServiceProvider.GetRequiredService<IOptions<DemoDataOptions>>(), scope.ServiceProvider.GetRequiredService<ServiceClock>(),
            NullLogger<DemoDossierSeeder>.Instance);
        await again.StartAsync(CancellationToken.None);
        Assert.Equal(0, await again.Completed);
        Assert.Equal(30, await db.Procedures.CountAsync());
        Assert.Equal((dossiers, events, audit), (await db.Dossiers.CountAsync(), await db.Events.CountAsync(), await db.AuditEntries.CountAsync()));

        var statistics = await new DossierStatistics.DossierStatisticsClient(fixture.CreateChannel(TestIdentity.Administrator))
            .GetDossierStatisticsAsync(new GetDossierStatisticsRequest { FromDate = "2025-01-01", ToDate = "2026-12-31", GroupBy = StatisticsGroupBy.Unit });
        var total = statistics.Total;
        Assert.Equal(dossiers, total.Received);
        Assert.Equal(3, statistics.Rows.Count);
        Assert.All(new[]
        {
            total.InProgress, total.FinishedEarly, total.FinishedOnTime, total.FinishedLate, total.Refused, total.Stopped,
            total.WithdrawalRequested, total.ApologyLetters, total.Online, total.PapersDigitised, total.PapersReused, total.ResultsElectronic,
            total.TargetMet, total.RatedVerySatisfied, total.RatedSatisfied, total.RatedDissatisfied,
        }, n => Assert.True(n > 0));
        var statuses = await db.Dossiers.Select(d => (int)d.Status).Distinct().ToListAsync();
        Assert.Superset(new HashSet<int> { 3, 4, 5, 7, 8, 9, 10 }, statuses.ToHashSet());
    }
}
