using Cchc.Indexes.Data;
using Cchc.Indexes.Domain.ServiceIndex;
using Cchc.Indexes.ServiceIndex;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Indexes.Tests;

/// <summary>
/// The SQL that aggregates the 766 indicators over <c>dossier_facts</c> against the C# rules it was written from
/// (<c>services/Indexes/Domain/ServiceIndex/IndicatorRules.cs</c>), over the same facts: 2 000 dossiers drawn
/// from a fixed seed across every dimension a rule reads (status, channel, deadline known or not and before or
/// after "now", finish, pause, supplement requests, papers, payment, result, rating), each in its own province
/// code so no other test's facts mix in. Any difference in a count, a ratio, a losing dossier or its reason fails.
/// </summary>
public sealed class IndicatorSqlTests(ServiceIndexFixture fixture) : IClassFixture<ServiceIndexFixture>
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private static List<DossierFact> Facts(string province, int count, int seed)
    {
        var random = new Random(seed);
        T Pick<T>(params T[] values) => values[random.Next(values.Length)];
        var facts = new List<DossierFact>(count);
        for (var i = 0; i < count; i++)
        {
            var received = new DateTimeOffset(2026, random.Next(1, 7), random.Next(1, 29), random.Next(7, 17), 0, 0, Vietnam).ToUniversalTime();
            var due = received.AddDays(random.Next(1, 40)).AddHours(Pick(0, 0, 3));
            var (year, month) = ReportingPeriod.MonthOf(received);
            facts.Add(new DossierFact
            {
                DossierCode = $"{province}.SKHCN-{i:D6}",
                AgencyCode = $"{province}.SKHCN",
                ProvinceCode = province,
                ReceivingUnitCode = $"{province}.SKHCN.MC",
                ProcedureCode = "1.000001",
                Channel = Pick(1, 2, 3),
                Status = Pick(3, 4, 5, 9, 10),
                ReceivedAt = received,
                ReceivedYear = year,
                ReceivedMonth = month,
                LegalDueAt = Pick<DateTimeOffset?>(due, due, due, null),
                FinishedAt = Pick<DateTimeOffset?>(null, due.AddDays(-1), due, due.AddSeconds(1), due.AddDays(2)),
                PausedAt = Pick<DateTimeOffset?>(null, null, due.AddDays(-2), due.AddHours(1)),
                SupplementRequestCount = Pick(0, 0, 1, 2),
                PapersTotal = 3,
                PapersDigitised = Pick(0, 1, 3),
                PapersReused = Pick(0, 0, 1),
                ResultElectronic = Pick(false, true),
                PaidOnline = Pick<bool?>(null, false, true),
                Satisfied = Pick<bool?>(null, null, false, true),
            });
        }
        return facts;
    }

    private async Task<List<DossierFact>> StoreAsync(string province, int seed)
    {
        var facts = Facts(province, 2000, seed);
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IndexesDbContext>();
        db.DossierFacts.AddRange(facts);
        await db.SaveChangesAsync();
        return facts;
    }

    private async Task AssertSqlMatchesRulesAsync(string province, IReadOnlyList<DossierFact> facts, ReportingPeriod period)
    {
        var judgedAt = IndicatorRules.JudgedAt(period.End, fixture.Clock.GetUtcNow());
        var inPeriod = facts.Where(f => f.ReceivedAt >= period.Start && f.ReceivedAt < period.End).ToList();
        var expected = IndicatorRules.Tally(inPeriod, judgedAt);

        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var calculator = scope.ServiceProvider.GetRequiredService<ServiceIndexCalculator>();
        var figures = await calculator.ComputeAsync(ScopeKind.Province, province, period, CancellationToken.None);

        Assert.True(inPeriod.Count > 50, $"too few facts in {period}: {inPeriod.Count}");
        Assert.Equal(expected.Received, figures.DossiersReceived);
        foreach (var rule in IndicatorRules.All)
        {
            var figure = figures.Indicators.Single(i => i.Definition.Code == rule.Code);
            Assert.Equal((rule.Code, expected.Counts[rule.Code].Counted, expected.Counts[rule.Code].Meets), (rule.Code, figure.Denominator, figure.Numerator));
            var ratio = IndicatorRules.Ratio(rule.Code, expected);
            Assert.Equal((rule.Code, ratio is { } r ? Math.Round(r, 4, MidpointRounding.AwayFromZero) : (decimal?)null), (rule.Code, figure.Ratio));

            var losing = await calculator.ListLosingAsync(rule.Code, ScopeKind.Province, province, period, "", 100_000, CancellationToken.None);
            var expectedLosing = inPeriod.Where(f => rule.Loses(f, judgedAt)).OrderBy(f => f.DossierCode, StringComparer.Ordinal)
                .Select(f => $"{f.DossierCode} {rule.Reason(f, judgedAt)}").ToList();
            Assert.Equal(expectedLosing, losing.Select(l => $"{l.DossierCode} {l.Reason}").ToList());
        }
    }

    [Fact]
    public async Task A_running_year_judged_now_gives_the_same_counts_ratios_and_losing_dossiers_in_SQL_as_in_the_rules()
    {
        var facts = await StoreAsync("ZA", seed: 766);

        await AssertSqlMatchesRulesAsync("ZA", facts, new ReportingPeriod(PeriodKind.Year, 2026, 0));
    }

    [Fact]
    public async Task A_finished_month_and_quarter_judged_at_their_end_give_the_same_in_SQL_as_in_the_rules()
    {
        var facts = await StoreAsync("ZB", seed: 2026);

        await AssertSqlMatchesRulesAsync("ZB", facts, new ReportingPeriod(PeriodKind.Month, 2026, 3));
        await AssertSqlMatchesRulesAsync("ZB", facts, new ReportingPeriod(PeriodKind.Quarter, 2026, 1));
    }
}
