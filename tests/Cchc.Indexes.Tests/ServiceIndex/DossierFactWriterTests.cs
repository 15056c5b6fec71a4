using Cchc.Indexes.Data;
using Cchc.Indexes.ServiceIndex;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Indexes.Tests;

/// <summary>The page's facts written in one upsert (<c>services/Indexes/ServiceIndex/DossierFactWriter.cs</c>).</summary>
public sealed class DossierFactWriterTests(ServiceIndexFixture fixture) : IClassFixture<ServiceIndexFixture>
{
    private static DossierFact Fact(string code, long sequence, int status, DateTimeOffset? finished, bool? satisfied) => new()
    {
        DossierCode = code,
        AgencyCode = "HG.SKHCN",
        ProvinceCode = "HG",
        ReceivingUnitCode = "HG.SKHCN.MC",
        ProcedureCode = "1.000001",
        Channel = 2,
        Status = status,
        ReceivedAt = new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero),
        ReceivedYear = 2026,
        ReceivedMonth = 3,
        LegalDueAt = new DateTimeOffset(2026, 3, 13, 10, 0, 0, TimeSpan.Zero),
        FinishedAt = finished,
        PausedAt = null,
        SupplementRequestCount = 1,
        PapersTotal = 3,
        PapersDigitised = 2,
        PapersReused = 1,
        ResultElectronic = true,
        PaidOnline = null,
        Satisfied = satisfied,
        LastSequence = sequence,
    };

    private async Task<DossierFact?> ReadAsync(string code)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IndexesDbContext>();
        return await db.DossierFacts.AsNoTracking().SingleOrDefaultAsync(f => f.DossierCode == code);
    }

    private async Task WriteAsync(params DossierFact[] facts)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IndexesDbContext>();
        await DossierFactWriter.UpsertAsync(db, facts, CancellationToken.None);
    }

    [Fact]
    public async Task Every_column_is_written_as_it_stands_nulls_and_instants_included()
    {
        var inserted = Fact("HG.SKHCN-W00001", sequence: 10, status: 4, finished: null, satisfied: null);
        var other = Fact("HG.SKHCN-W00002", sequence: 11, status: 10, finished: new DateTimeOffset(2026, 3, 9, 8, 15, 0, TimeSpan.Zero), satisfied: false);
        other.PausedAt = new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero);
        other.PaidOnline = true;
        await WriteAsync(inserted, other);

        foreach (var expected in new[] { inserted, other })
        {
            var stored = await ReadAsync(expected.DossierCode);
            Assert.NotNull(stored);
            Assert.Equivalent(expected, stored, strict: true);
        }
    }

    [Fact]
    public async Task A_known_dossier_is_updated_by_a_later_event_and_never_by_an_earlier_one()
    {
        await WriteAsync(Fact("HG.SKHCN-W00003", sequence: 20, status: 4, finished: null, satisfied: null));

        var finished = new DateTimeOffset(2026, 3, 10, 3, 0, 0, TimeSpan.Zero);
        await WriteAsync(Fact("HG.SKHCN-W00003", sequence: 25, status: 10, finished: finished, satisfied: true));
        var later = await ReadAsync("HG.SKHCN-W00003");
        Assert.Equal((10, finished, true, 25L), (later!.Status, later.FinishedAt, later.Satisfied, later.LastSequence));

        // A retried or replayed page carrying the facts as event 20 left them: the stored row keeps event 25's.
        await WriteAsync(Fact("HG.SKHCN-W00003", sequence: 20, status: 4, finished: null, satisfied: null));
        var kept = await ReadAsync("HG.SKHCN-W00003");
        Assert.Equal((10, finished, true, 25L), (kept!.Status, kept.FinishedAt, kept.Satisfied, kept.LastSequence));
    }

    [Fact]
    public async Task The_facts_table_leaves_room_in_each_page_for_the_rewrites_of_later_events()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IndexesDbContext>();
        var options = await db.Database.SqlQueryRaw<string>("SELECT unnest(reloptions) AS \"Value\" FROM pg_class WHERE relname = 'dossier_facts'").ToListAsync();
        Assert.Contains("fillfactor=70", options);
    }
}
