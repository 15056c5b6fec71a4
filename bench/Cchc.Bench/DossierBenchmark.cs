using System.Collections.Concurrent;
using System.Diagnostics;
using Cchc.Hosting.Local;
using Cchc.Dossiers.V1;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Npgsql;

namespace Cchc.Bench;

/// <summary>
/// Dossier intake through the gateway next to its ceiling measured in the same run (durable single-row
/// INSERTs into the same PostgreSQL, by pgbench), and the unary reads GetProcedure and GetPublicStatus
/// through the gateway next to the same calls straight to Dossiers (both by h2load, not the bench's own client).
/// </summary>
public static class DossierBenchmark
{
    private const int Clients = 32;

    public static async Task RunAsync(AppHostProcess stack, int intakes, int lookups)
    {
        using var anonymous = Channels.For(stack, token: null);
        await CreateProcedureAsync(stack);
        var adminToken = stack.DevelopmentTokens()["administrator"];

        // Intake against its ceiling: durable single-row INSERTs into the same PostgreSQL (pgbench, 32 clients).
        await CreateBenchDatabaseAsync(stack);
        var (insertTps, insertMs) = await ExternalLoad.InsertCeilingAsync(stack, "benchdb", Clients, seconds: 10);
        Console.WriteLine($"{"single-row durable INSERTs, same PostgreSQL, pgbench, 32 clients (ceiling)",-90} {insertTps,8:0} /s  mean {insertMs,6:0.0} ms");
        // The bench's own .NET client against a call the gateway answers itself: what the client below can drive at most.
        var health = new Health.HealthClient(anonymous);
        var clientCeiling = await Measure("gRPC health check answered by the gateway itself, .NET client (client ceiling)", lookups, _ => health.CheckAsync(new HealthCheckRequest()).ResponseAsync);

        var (intake, receipts) = await IntakeAsync(stack, intakes);
        Console.WriteLine($"{"  intake / INSERT ceiling",-90} {intake.PerSecond / insertTps,8:0.000}      (goal >= 0.3, p99 < 100 ms; client ceiling {clientCeiling.PerSecond:0} /s)");

        // What the intakes set off (the applicants' messages, the consumers' pages) finishes first.
        await ProcessCpu.WaitForQuietAsync(stack, TimeSpan.FromMinutes(3));
        // Unary reads with h2load (4 connections x 16 streams), straight to Dossiers' own port and through the gateway.
        // And through a bare YARP hop to the same port: the ceiling of any proxied call on this machine.
        var direct = await ExternalLoad.DirectGrpcEndpointAsync(stack, "Cchc.Dossiers", "dossiersdb");
        await using (var hop = await BareHop.StartAsync(direct))
        {
            var (code, secret) = receipts.First();
            await CompareAsync(stack, "ProcedureCatalog/GetProcedure", direct, hop.Address, stack.GatewayGrpc, "/cchc.dossiers.v1.ProcedureCatalog/GetProcedure",
                new GetProcedureRequest { Code = "9.999001" }, adminToken);
            await CompareAsync(stack, "PublicStatus/GetPublicStatus (anonymous)", direct, hop.Address, stack.GatewayGrpc, "/cchc.dossiers.v1.PublicStatus/GetPublicStatus",
                new GetPublicStatusRequest { DossierCode = code, LookupSecret = secret }, token: null);
        }

        // Memory once the load is over: the services idle for 30 s (each gives memory back after one quiet 10 s
        // window of its own, see ServiceDefaults/Hosting/IdleMemoryTrim.cs).
        await Task.Delay(TimeSpan.FromSeconds(30));
        foreach (var (service, megabytes) in await ExternalLoad.ServiceMemoryAsync(stack))
        {
            Console.WriteLine($"{service + " RSS after the load, idle 30 s",-90} {megabytes,8:0} MB      (goal < 200 MB)");
        }
    }

    /// <summary>The procedure the intakes use (once per stack).</summary>
    internal static async Task CreateProcedureAsync(AppHostProcess stack)
    {
        using var admin = Channels.For(stack, stack.DevelopmentTokens()["administrator"]);
        var catalogue = new ProcedureCatalog.ProcedureCatalogClient(admin);
        await catalogue.CreateProcedureAsync(new CreateProcedureRequest { Procedure = new Procedure
        {
            Code = "9.999001", Name = "Thủ tục đo tải", Field = "Hoạt động khoa học và công nghệ", AgencyCode = "QT.SKHCN",
            StatutoryTime = new StatutoryTime { Amount = "10", Unit = DurationUnit.WorkingDays }, OnlineLevel = OnlineLevel.Full,
        } });
    }

    /// <summary><paramref name="count"/> intakes through the gateway by <see cref="Clients"/> desk officers at once, fresh request ids.</summary>
    internal static async Task<(Figure Figure, ConcurrentBag<(string Code, string Secret)> Receipts)> IntakeAsync(AppHostProcess stack, int count, int clients = Clients)
    {
        using var desk = Channels.For(stack, stack.DevelopmentTokens()["desk_officer"]);
        var dossiers = new DossierService.DossierServiceClient(desk);
        var receipts = new ConcurrentBag<(string Code, string Secret)>();
        Dictionary<int, (string Label, double Seconds)> cpuBefore = [];
        var figure = await Measure($"dossier intake through the gateway (durable, one agency, {clients} clients)", count, async i =>
        {
            var receipt = (await dossiers.ReceiveDossierAsync(new ReceiveDossierRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Applicant = new Applicant { Kind = ApplicantKind.Person, IdentityNumber = $"0450{i + 2_000_000:D8}", Name = "Người nộp thử", Phone = "0912345678", Address = "Quảng Trị" },
                ProcedureCode = "9.999001",
                AgencyCode = "QT.SKHCN",
                Channel = IntakeChannel.InPerson,
                Papers = { new Paper { Name = "Tờ khai", Kind = PaperKind.Original, Count = 1 } },
            })).Receipt;
            receipts.Add((receipt.DossierCode, receipt.LookupSecret));
        },
        // A freshly started stack compiles as it goes (the framework's precompiled code is compiled again at tier 1
        // in the background, on busy cores) and each pooled connection prepares its statements on their second use:
        // 10 000 intakes first, not measured (after 3 000 the next run was ~25 % slower than the one after it), and
        // the CPU counted from the measured ones' start.
        clients, warmUp: 10_000, measuring: () => cpuBefore = ProcessCpu.Snapshot(stack));
        // Where an intake's CPU goes, the consumers of its events (Notifications, Indexes) included: they share the
        // cores. They lag behind the intakes a little; two seconds let them finish.
        await Task.Delay(TimeSpan.FromSeconds(2));
        ProcessCpu.Print(cpuBefore, ProcessCpu.Snapshot(stack), count, "intake");
        return (figure, receipts);
    }

    private static async Task CompareAsync(AppHostProcess stack, string what, Uri direct, Uri hop, Uri gateway, string method, Google.Protobuf.IMessage request, string? token)
    {
        var before = ProcessCpu.Snapshot(stack);
        var d = await ExternalLoad.UnaryAsync(direct, method, request, token);
        var afterDirect = ProcessCpu.Snapshot(stack);
        var h = await ExternalLoad.UnaryAsync(hop, method, request, token);
        var afterHop = ProcessCpu.Snapshot(stack);
        var g = await ExternalLoad.UnaryAsync(gateway, method, request, token);
        var after = ProcessCpu.Snapshot(stack);
        // The CPU snapshots also cover h2load's 2 s of warm-up, at about the measured rate: calls counted over both.
        var seconds = ExternalLoad.H2Load.Saturating.Seconds + 2;
        int Calls(ExternalLoad.H2Figure figure) => (int)Math.Max(1, figure.PerSecond * seconds);
        d.Print($"{what}, h2load {ExternalLoad.H2Load.Saturating.Label}, direct to Dossiers (ceiling)");
        ProcessCpu.Print(before, afterDirect, Calls(d), "call (direct, about)");
        h.Print($"{what}, h2load {ExternalLoad.H2Load.Saturating.Label}, through a bare YARP hop (ceiling of a proxied call)");
        ProcessCpu.Print(afterDirect, afterHop, Calls(h), "call (bare hop, about)");
        g.Print($"{what}, h2load {ExternalLoad.H2Load.Saturating.Label}, through the gateway");
        ProcessCpu.Print(afterHop, after, Calls(g), "call (gateway, about)");
        ExternalLoad.PrintRatio("bare hop / direct", h.PerSecond / d.PerSecond, "what any proxy hop of this kind leaves on this machine");
        ExternalLoad.PrintRatio("gateway / direct", g.PerSecond / d.PerSecond, "goal >= 0.7");
        ExternalLoad.PrintRatio("gateway / bare hop", g.PerSecond / h.PerSecond, "what the gateway's own duties leave of a proxied call");
    }

    internal static async Task CreateBenchDatabaseAsync(AppHostProcess stack)
    {
        await using (var server = new NpgsqlConnection(stack.PostgresConnectionString("postgres")))
        {
            await server.OpenAsync();
            // Once per run, whichever benchmark measures the ceiling first.
            await new NpgsqlCommand("DROP DATABASE IF EXISTS benchdb", server).ExecuteNonQueryAsync();
            await new NpgsqlCommand("CREATE DATABASE benchdb", server).ExecuteNonQueryAsync();
        }
        await using var source = NpgsqlDataSource.Create(stack.PostgresConnectionString("benchdb"));
        await using var create = source.CreateCommand("CREATE TABLE rows (id bigserial PRIMARY KEY, code text NOT NULL, payload jsonb NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    internal sealed record Figure(double PerSecond, double P50, double P99);

    internal static async Task<Figure> Measure(string what, int count, Func<int, Task> call, int clients = Clients, int warmUp = 0, Action? measuring = null)
    {
        // A warm-up so JIT, tiered compilation and connection set-up do not count (at least one call per client).
        warmUp = Math.Max(warmUp, clients);
        await Parallel.ForEachAsync(Enumerable.Range(-warmUp, warmUp), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, _) => await call(i + 1_000_000));
        measuring?.Invoke();
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
        var figure = new Figure(count / clock.Elapsed.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
        Console.WriteLine($"{what,-90} {figure.PerSecond,8:0} /s  p50 {figure.P50,6:0.0} ms  p99 {figure.P99,6:0.0} ms  ({count} in {clock.Elapsed.TotalSeconds:0.0} s)");
        return figure;
    }
}
