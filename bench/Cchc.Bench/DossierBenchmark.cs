using System.Collections.Concurrent;
using System.Diagnostics;
using Cchc.Hosting.Local;
using Cchc.Dossiers.V1;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Npgsql;

namespace Cchc.Bench;

/// <summary>
/// Dossier intake and public status lookups through the gateway, each next to the ceilings measured
/// in the same run: a no-op gRPC call answered by the gateway itself, a cheap call proxied to
/// Dossiers, and single-row inserts into the same PostgreSQL.
/// </summary>
public static class DossierBenchmark
{
    private const int Clients = 32;

    public static async Task RunAsync(AppHostProcess stack, int intakes, int lookups)
    {
        using var admin = Channels.For(stack, stack.DevelopmentTokens()["administrator"]);
        using var desk = Channels.For(stack, stack.DevelopmentTokens()["desk_officer"]);
        using var anonymous = Channels.For(stack, token: null);
        var catalogue = new ProcedureCatalog.ProcedureCatalogClient(admin);
        await catalogue.CreateProcedureAsync(new CreateProcedureRequest { Procedure = new Procedure
        {
            Code = "9.999001", Name = "Thủ tục đo tải", Field = "Hoạt động khoa học và công nghệ", AgencyCode = "QT.SKHCN",
            StatutoryTime = new StatutoryTime { Amount = "10", Unit = DurationUnit.WorkingDays }, OnlineLevel = OnlineLevel.Full,
        } });

        // Ceiling 1: a gRPC call the gateway answers itself (its own grpc.health.v1).
        var health = new Health.HealthClient(anonymous);
        await Measure("gRPC health check answered by the gateway itself (ceiling)", lookups, _ => health.CheckAsync(new HealthCheckRequest()).ResponseAsync);
        // Ceiling 2: a cheap read proxied to Dossiers (one primary-key row).
        await Measure("cheap call proxied to Dossiers (GetProcedure, ceiling)", lookups, _ => catalogue.GetProcedureAsync(new GetProcedureRequest { Code = "9.999001" }).ResponseAsync);
        // Ceiling 3: durable single-row inserts into the same PostgreSQL, one transaction each.
        await InsertCeilingAsync(stack, intakes);

        var dossiers = new DossierService.DossierServiceClient(desk);
        var receipts = new ConcurrentBag<(string Code, string Secret)>();
        await Measure($"dossier intake through the gateway (durable, {Clients} clients)", intakes, async i =>
        {
            var receipt = (await dossiers.ReceiveDossierAsync(new ReceiveDossierRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Applicant = new Applicant { Kind = ApplicantKind.Person, IdentityNumber = $"0450{i:D8}", Name = "Người nộp thử", Phone = "0912345678", Address = "Quảng Trị" },
                ProcedureCode = "9.999001",
                AgencyCode = "QT.SKHCN",
                Channel = IntakeChannel.InPerson,
                Papers = { new Paper { Name = "Tờ khai", Kind = PaperKind.Original, Count = 1 } },
            })).Receipt;
            receipts.Add((receipt.DossierCode, receipt.LookupSecret));
        });

        var known = receipts.ToArray();
        var status = new PublicStatus.PublicStatusClient(anonymous);
        await Measure($"public status lookups through the gateway (anonymous, cached, {Clients} clients)", lookups, i =>
        {
            var (code, secret) = known[i % known.Length];
            return status.GetPublicStatusAsync(new GetPublicStatusRequest { DossierCode = code, LookupSecret = secret }).ResponseAsync;
        });
    }

    internal static async Task InsertCeilingAsync(AppHostProcess stack, int rows)
    {
        await using (var server = new NpgsqlConnection(stack.PostgresConnectionString("postgres")))
        {
            await server.OpenAsync();
            // Once per run, whichever benchmark measures the ceiling first.
            await new NpgsqlCommand("DROP DATABASE IF EXISTS benchdb", server).ExecuteNonQueryAsync();
            await new NpgsqlCommand("CREATE DATABASE benchdb", server).ExecuteNonQueryAsync();
        }
        await using var source = NpgsqlDataSource.Create(stack.PostgresConnectionString("benchdb"));
        await using (var create = source.CreateCommand("CREATE TABLE rows (id bigserial PRIMARY KEY, code text NOT NULL, payload jsonb NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }
        await Measure($"single-row inserts into the same PostgreSQL ({Clients} clients, ceiling)", rows, async i =>
        {
            await using var insert = source.CreateCommand("INSERT INTO rows (code, payload) VALUES ($1, $2::jsonb)");
            insert.Parameters.AddWithValue($"QT.SKHCN-{i}");
            insert.Parameters.AddWithValue("{\"status\":2}");
            await insert.ExecuteNonQueryAsync();
        });
    }

    internal static async Task Measure(string what, int count, Func<int, Task> call, int clients = Clients)
    {
        // A short warm-up so JIT and connection set-up do not count.
        await Parallel.ForEachAsync(Enumerable.Range(-clients, clients), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, _) => await call(i + 1_000_000));
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, _) =>
        {
            var one = Stopwatch.StartNew();
            await call(i);
            latencies.Add(one.Elapsed.TotalMilliseconds);
        });
        clock.Stop();
        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"{what,-90} {count,7} in {clock.Elapsed.TotalSeconds,6:0.00} s = {count / clock.Elapsed.TotalSeconds,8:0.0} /s  p50 {sorted[sorted.Length / 2],6:0.0} ms  p99 {sorted[(int)(sorted.Length * 0.99)],6:0.0} ms");
    }
}
