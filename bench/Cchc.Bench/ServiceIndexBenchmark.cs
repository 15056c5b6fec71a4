extern alias indexes;
using System.Diagnostics;
using Cchc.Hosting.Local;
using Cchc.Dossiers.V1;
using Cchc.Indexes.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using IndexesDbContext = indexes::Cchc.Indexes.Data.IndexesDbContext;
using DossierFeedConsumer = indexes::Cchc.Indexes.ServiceIndex.DossierFeedConsumer;
using ServiceIndexCalculator = indexes::Cchc.Indexes.ServiceIndex.ServiceIndexCalculator;

namespace Cchc.Bench;

/// <summary>
/// The 766 service index catching up on a Dossiers feed of synthetic events, taken in page by page
/// (500, the consumer's page size) exactly as the consumer takes in what it reads, in a database of its
/// own on the stack's PostgreSQL; then a province-year query over what it built, asked of the running
/// Indexes service through the gateway by h2load (the facts copied into its database first).
/// </summary>
public static class ServiceIndexBenchmark
{
    private const int PageSize = 500;
    private static readonly string[] Provinces = ["QT", "HUE", "DN"];

    /// <summary>
    /// The load a user's latency is read at: 2 connections offering 5 queries/s each (10 /s in all, the query
    /// being an aggregate of tens of milliseconds), up to 4 in flight per connection; 20 s measured.
    /// </summary>
    private static readonly ExternalLoad.H2Load Modest = new(2, 4, RatePerConnection: 5, Seconds: 20);

    public static async Task RunAsync(AppHostProcess stack, int events)
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

        // Only the take-in is timed: the bench building each page of synthetic events (payload dictionaries, instants
        // written as text) is work the consumer never does — it gets its pages parsed from the feed's answer.
        var clock = new Stopwatch();
        var generating = Stopwatch.StartNew();
        var taken = 0;
        using (var pages = Feed(events).Chunk(PageSize).GetEnumerator())
        {
            while (pages.MoveNext())
            {
                var page = pages.Current;
                generating.Stop();
                clock.Start();
                await using (var db = new IndexesDbContext(options))
                {
                    await DossierFeedConsumer.TakeInAsync(db, page, CancellationToken.None);
                }
                clock.Stop();
                generating.Start();
                taken += page.Length;
            }
        }
        generating.Stop();
        Console.WriteLine($"766 index catch-up: {taken:N0} dossier events in {clock.Elapsed.TotalSeconds:N1} s = {taken / clock.Elapsed.TotalSeconds:N0} events/s (pages of {PageSize}; the bench built the pages in another {generating.Elapsed.TotalSeconds:N1} s, not counted)");

        // The query is measured as a user gets it, from the running Indexes service through the gateway: the facts
        // just built are copied into Indexes' own database (binary COPY; the synthetic dossiers' codes are not
        // those of any dossier the stack received, and Indexes' feed cursor is left alone).
        var copy = Stopwatch.StartNew();
        await using (var from = new NpgsqlConnection(stack.PostgresConnectionString("serviceindexbenchdb")))
        await using (var to = new NpgsqlConnection(stack.PostgresConnectionString("indexesdb")))
        {
            await from.OpenAsync();
            await to.OpenAsync();
            await using (var reader = await from.BeginRawBinaryCopyAsync("COPY dossier_facts TO STDOUT (FORMAT BINARY)"))
            await using (var writer = await to.BeginRawBinaryCopyAsync("COPY dossier_facts FROM STDIN (FORMAT BINARY)"))
            {
                await reader.CopyToAsync(writer);
            }
            // Vacuumed and checkpointed, so autovacuum's pass over the copied rows does not run during the measurement.
            await new NpgsqlCommand("VACUUM (ANALYZE) dossier_facts", to) { CommandTimeout = 600 }.ExecuteNonQueryAsync();
            await new NpgsqlCommand("CHECKPOINT", to) { CommandTimeout = 600 }.ExecuteNonQueryAsync();
        }
        copy.Stop();

        var leadership = stack.DevelopmentTokens()["leadership"];
        var query = new GetServiceIndexRequest { ScopeKind = ScopeKind.Province, ScopeCode = "QT", PeriodKind = PeriodKind.Year, Period = "2026" };
        using var channel = Channels.For(stack, leadership);
        var received = (await new ServiceIndexService.ServiceIndexServiceClient(channel).GetServiceIndexAsync(query)).DossiersReceived;
        Console.WriteLine($"facts copied into Indexes' own database in {copy.Elapsed.TotalSeconds:N1} s; its QT 2026 query counts {received:N0} dossiers");
        await using (var indexes = new NpgsqlConnection(stack.PostgresConnectionString("indexesdb")))
        {
            // The plan of the query's one scan, as the service runs it.
            await indexes.OpenAsync();
            indexes::Cchc.Indexes.ServiceIndex.ReportingPeriod.TryParse(indexes::Cchc.Indexes.ServiceIndex.PeriodKind.Year, "2026", out var year);
            await using var explain = new NpgsqlCommand(
                "EXPLAIN (ANALYZE, BUFFERS) " + ServiceIndexCalculator.TallySql(indexes::Cchc.Indexes.ServiceIndex.ScopeKind.Province, year), indexes);
            explain.Parameters.Add(new NpgsqlParameter("scope", "QT"));
            explain.Parameters.Add(new NpgsqlParameter("year", 2026));
            explain.Parameters.Add(new NpgsqlParameter("first_month", 1));
            explain.Parameters.Add(new NpgsqlParameter("judged_at", DateTimeOffset.UtcNow));
            await using var plan = await explain.ExecuteReaderAsync();
            while (await plan.ReadAsync())
            {
                Console.WriteLine("  plan: " + plan.GetString(0));
            }
        }

        // By h2load: a cheap Indexes call through the gateway (the ceiling of a proxied Indexes call), the query
        // straight to Indexes' own port (its ceiling without the gateway) and through the gateway, at the throughput
        // load and at a modest one, where its p99 is the latency a user sees.
        const string GetServiceIndex = "/cchc.indexes.v1.ServiceIndexService/GetServiceIndex";
        var direct = await ExternalLoad.DirectGrpcEndpointAsync(stack, "Cchc.Indexes", "indexesdb");
        var saturating = ExternalLoad.H2Load.Saturating;
        // Not printed: the gateway's and the query's code paths served under load once before the first measured run.
        await ExternalLoad.UnaryAsync(stack.GatewayGrpc, GetServiceIndex, query, leadership, ExternalLoad.H2Load.WarmUp);
        var cheap = await ExternalLoad.UnaryAsync(stack.GatewayGrpc, "/cchc.indexes.v1.IndexFrameworkService/GetFramework",
            new GetFrameworkRequest { Code = "SERVICE_766" }, leadership);
        var d = await ExternalLoad.UnaryAsync(direct, GetServiceIndex, query, leadership);
        var g = await ExternalLoad.UnaryAsync(stack.GatewayGrpc, GetServiceIndex, query, leadership);
        var modest = await ExternalLoad.UnaryAsync(stack.GatewayGrpc, GetServiceIndex, query, leadership, Modest);
        const string what = "766 index QT 2026 province-year query";
        cheap.Print($"GetFramework SERVICE_766 through the gateway, h2load {saturating.Label} (ceiling of an Indexes call)");
        d.Print($"{what}, h2load {saturating.Label}, direct to Indexes (ceiling)");
        g.Print($"{what}, h2load {saturating.Label}, gateway");
        ExternalLoad.PrintRatio("gateway / direct", g.PerSecond / d.PerSecond, "the gateway's share");
        ExternalLoad.PrintRatio("gateway / GetFramework through the gateway", g.PerSecond / cheap.PerSecond, "the query's own cost");
        modest.Print($"{what}, h2load {Modest.Label}, gateway");
        ExternalLoad.PrintGoal($"p99 through the gateway at {Modest.Label}", modest.P99Ms, goalMs: 50);
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
