extern alias indexes;
using System.Diagnostics;
using Cchc.Hosting.Local;
using Cchc.Dossiers.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using IndexesDbContext = indexes::Cchc.Indexes.Data.IndexesDbContext;
using DossierFeedConsumer = indexes::Cchc.Indexes.ServiceIndex.DossierFeedConsumer;
using ServiceIndexCalculator = indexes::Cchc.Indexes.ServiceIndex.ServiceIndexCalculator;
using ReportingPeriod = indexes::Cchc.Indexes.ServiceIndex.ReportingPeriod;
using IndexScope = indexes::Cchc.Indexes.ServiceIndex.ScopeKind;
using IndexPeriod = indexes::Cchc.Indexes.ServiceIndex.PeriodKind;

namespace Cchc.Bench;

/// <summary>
/// The 766 service index catching up on a Dossiers feed of synthetic events, taken in page by page
/// (500, the consumer's page size) exactly as the consumer takes in what it reads, in a database of its
/// own on the stack's PostgreSQL; then a province-year query over what it built.
/// </summary>
public static class ServiceIndexBenchmark
{
    private const int PageSize = 500;
    private static readonly string[] Provinces = ["QT", "HUE", "DN"];

    public static async Task RunAsync(AppHostProcess stack, int events, int queries = 50)
    {
        await using (var server = new NpgsqlConnection(stack.PostgresConnectionString("postgres")))
        {
            await server.OpenAsync();
            await new NpgsqlCommand("CREATE DATABASE serviceindexbenchdb", server).ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<IndexesDbContext>()
            .UseNpgsql(stack.PostgresConnectionString("serviceindexbenchdb")).UseSnakeCaseNamingConvention().Options;
        await using (var db = new IndexesDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        var clock = Stopwatch.StartNew();
        var taken = 0;
        foreach (var page in Feed(events).Chunk(PageSize))
        {
            await using var db = new IndexesDbContext(options);
            await DossierFeedConsumer.TakeInAsync(db, page, CancellationToken.None);
            taken += page.Length;
        }
        clock.Stop();
        Console.WriteLine($"766 index catch-up: {taken:N0} dossier events in {clock.Elapsed.TotalSeconds:N1} s = {taken / clock.Elapsed.TotalSeconds:N0} events/s (pages of {PageSize})");

        var period = ReportingPeriod.TryParse(IndexPeriod.Year, "2026", out var year) ? year : throw new InvalidOperationException();
        var latencies = new List<double>();
        long received = 0;
        for (var i = 0; i < queries + 3; i++)
        {
            await using var db = new IndexesDbContext(options);
            var calculator = new ServiceIndexCalculator(db, TimeProvider.System);
            var one = Stopwatch.StartNew();
            var figures = await calculator.ComputeAsync(IndexScope.Province, "QT", period, CancellationToken.None);
            one.Stop();
            received = figures.DossiersReceived;
            if (i >= 3)
            {
                latencies.Add(one.Elapsed.TotalMilliseconds);
            }
        }
        latencies.Sort();
        Console.WriteLine($"766 index province-year query (QT, 2026, {received:N0} dossiers, {queries} runs after 3 warm-ups): "
            + $"p50 {latencies[latencies.Count / 2]:N1} ms, p99 {latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]:N1} ms");
    }

    /// <summary>
    /// Dossiers of three provinces (five agencies each, two receiving units each) received through 2026,
    /// five events each — received, processing, a paper digitised, the result, the rating — in commit
    /// order with a few hundred dossiers in flight at a time.
    /// </summary>
    private static IEnumerable<DossierChange> Feed(int events)
    {
        var random = new Random(766);
        var dossiers = events / 5;
        const int InFlight = 400;
        var sequence = 0L;
        var start = new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.FromHours(7));
        for (var wave = 0; wave < dossiers; wave += InFlight)
        {
            var count = Math.Min(InFlight, dossiers - wave);
            for (var step = 0; step < 5; step++)
            {
                for (var k = 0; k < count; k++)
                {
                    var n = wave + k;
                    var r = new Random(n);
                    var province = Provinces[n % Provinces.Length];
                    var agency = $"{province}.S{n / 3 % 5}";
                    var unit = $"{agency}.TN{n / 15 % 2}";
                    var received = start.AddMinutes(n * (360.0 * 24 * 60 / dossiers));
                    var due = received.AddDays(10);
                    var finished = received.AddDays(r.Next(2, 13));
                    var fields = new Dictionary<string, Value>();
                    string type;
                    switch (step)
                    {
                        case 0:
                            type = "dossier.received";
                            fields["procedureCode"] = Value.ForString($"1.00{n % 50:D4}");
                            fields["agencyCode"] = Value.ForString(agency);
                            fields["receivingUnitCode"] = Value.ForString(unit);
                            fields["channel"] = Value.ForNumber(r.Next(1, 4));
                            fields["status"] = Value.ForNumber(2);
                            fields["receivedAt"] = Value.ForString(received.UtcDateTime.ToString("O"));
                            fields["dueAt"] = Value.ForString(due.UtcDateTime.ToString("O"));
                            fields["papersTotal"] = Value.ForNumber(2);
                            fields["papersDigitised"] = Value.ForNumber(0);
                            fields["papersReused"] = Value.ForNumber(0);
                            fields["paidOnline"] = Value.ForNull();
                            break;
                        case 1:
                        case 3:
                            type = "dossier.status_changed";
                            fields["agencyCode"] = Value.ForString(agency);
                            fields["status"] = Value.ForNumber(step == 1 ? 4 : 10);
                            fields["legalDueAt"] = Value.ForString(due.UtcDateTime.ToString("O"));
                            fields["finishedAt"] = step == 1 ? Value.ForNull() : Value.ForString(finished.UtcDateTime.ToString("O"));
                            fields["supplementRequestCount"] = Value.ForNumber(r.Next(10) == 0 ? 2 : 0);
                            fields["resultElectronic"] = Value.ForBool(step == 3 && r.Next(4) != 0);
                            fields["paidOnline"] = r.Next(3) == 0 ? Value.ForNull() : Value.ForBool(r.Next(2) == 0);
                            break;
                        case 2:
                            type = "dossier.paper_digitised";
                            fields["agencyCode"] = Value.ForString(agency);
                            fields["papersTotal"] = Value.ForNumber(2);
                            fields["papersDigitised"] = Value.ForNumber(1);
                            fields["papersReused"] = Value.ForNumber(r.Next(2));
                            break;
                        default:
                            type = "dossier.rated";
                            fields["agencyCode"] = Value.ForString(agency);
                            fields["satisfied"] = Value.ForBool(random.Next(10) != 0);
                            break;
                    }
                    var payload = new Struct();
                    payload.Fields.Add(fields);
                    yield return new DossierChange
                    {
                        Sequence = ++sequence,
                        Type = type,
                        DossierCode = $"{agency}-{n:D8}",
                        OccurredAt = Timestamp.FromDateTimeOffset(received),
                        Payload = payload,
                    };
                }
            }
        }
    }
}
