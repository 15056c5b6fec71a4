using Cchc.Indexes.Data;
using Cchc.Indexes.Domain.ServiceIndex;
using Cchc.Indexes.ServiceIndex;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Indexes.Tests;

/// <summary>
/// A scope's count of the facts is reused only while a new scan would give the same
/// (<c>services/Indexes/ServiceIndex/ServiceIndexTallies.cs</c>): the feed has not moved and no open dossier has passed its deadline.
/// </summary>
public sealed class ServiceIndexTalliesTests(ServiceIndexFixture fixture) : IClassFixture<ServiceIndexFixture>
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly IndicatorTally Empty = new(0, 0, 0, new Dictionary<string, (long, long)>());

    [Fact]
    public void A_count_holds_at_its_feed_position_from_its_judgement_up_to_the_next_open_deadline()
    {
        var judged = new DateTimeOffset(2026, 6, 15, 9, 0, 0, Vietnam);
        var tally = new ServiceIndexTally(Empty, AsOfSequence: 40, judged, NextLateAt: judged.AddHours(8));

        Assert.True(tally.HoldsFor(40, judged));
        Assert.True(tally.HoldsFor(40, judged.AddHours(8)));
        Assert.False(tally.HoldsFor(40, judged.AddHours(8).AddTicks(10)));
        Assert.False(tally.HoldsFor(41, judged));
        Assert.False(tally.HoldsFor(40, judged.AddMinutes(-1)));
        Assert.True(new ServiceIndexTally(Empty, 40, judged, NextLateAt: null).HoldsFor(40, judged.AddYears(1)));
    }

    [Fact]
    public async Task A_province_count_turns_an_open_dossier_late_the_moment_its_deadline_passes_though_the_count_was_kept()
    {
        const string province = "TL766";
        var received = new DateTimeOffset(2026, 6, 10, 9, 0, 0, Vietnam).ToUniversalTime();
        var due = new DateTimeOffset(2026, 6, 15, 17, 0, 0, Vietnam).ToUniversalTime();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IndexesDbContext>();
            DossierFact Fact(string code, DateTimeOffset? finished) => new()
            {
                DossierCode = code, AgencyCode = $"{province}.SKHCN", ProvinceCode = province, ReceivingUnitCode = $"{province}.SKHCN.MC",
                ProcedureCode = "1.000001", Channel = 1, Status = finished is null ? 4 : 9, ReceivedAt = received, ReceivedYear = 2026, ReceivedMonth = 6,
                LegalDueAt = due, FinishedAt = finished,
            };
            db.DossierFacts.AddRange(Fact($"{province}.SKHCN-000001", finished: null), Fact($"{province}.SKHCN-000002", finished: due.AddDays(-1)));
            await db.SaveChangesAsync();
        }
        ReportingPeriod.TryParse(PeriodKind.Year, "2026", out var year);

        async Task<long> OnTimeAsync()
        {
            await using var scope = fixture.Factory.Services.CreateAsyncScope();
            var figures = await scope.ServiceProvider.GetRequiredService<ServiceIndexCalculator>().ComputeAsync(ScopeKind.Province, province, year, CancellationToken.None);
            return figures.Indicators.Single(i => i.Definition.Code == Indicators.OnTime).Numerator;
        }

        fixture.Clock.SetVietnam(2026, 6, 15, 9, 0);
        Assert.Equal(2, await OnTimeAsync());
        fixture.Clock.SetVietnam(2026, 6, 15, 16, 59);
        Assert.Equal(2, await OnTimeAsync());
        var tallies = fixture.Factory.Services.GetRequiredService<ServiceIndexTallies>();
        Assert.NotNull(tallies.Find(ScopeKind.Province, province, year, await AsOfAsync(), fixture.Clock.GetUtcNow()));

        fixture.Clock.SetVietnam(2026, 6, 15, 17, 1);
        Assert.Equal(1, await OnTimeAsync());
    }

    private async Task<long> AsOfAsync()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        return await Cchc.ChangeFeeds.FeedCursors.LastSequenceAsync(scope.ServiceProvider.GetRequiredService<IndexesDbContext>(), DossierFeedConsumer.FeedName, CancellationToken.None);
    }
}
