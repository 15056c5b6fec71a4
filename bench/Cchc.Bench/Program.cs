using Cchc.Hosting.Local;
using Cchc.Bench;

// Benchmarks of the running stack. Not a test: it prints figures to compare with their ceilings.
//   dotnet run -c Release --project bench/Cchc.Bench -- [dossiers] [listing] [webhooks] [service-index] [--events N] [--dossiers N] [--index-events M]
//   ... -- hold    starts the stack as the bench does and keeps it up (addresses printed) for profiling by hand, until Enter.
// service-index takes in N×200 dossier events (1 000 000 for --events 5000); --index-events M overrides it.
var events = args.SkipWhile(a => a != "--events").Skip(1).Select(int.Parse).FirstOrDefault(5000);
var stored = args.SkipWhile(a => a != "--dossiers").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
var indexEvents = args.SkipWhile(a => a != "--index-events").Skip(1).Select(int.Parse).FirstOrDefault(events * 200);
var which = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToHashSet();
bool Run(string name) => which.Count == 0 || which.Contains(name);

Console.WriteLine($"Cchc benchmarks on {Environment.ProcessorCount} cores, {DateTime.Now:yyyy-MM-dd HH:mm}");
// The benchmark measures the services, not the gateway's per-caller limits.
await using var stack = await AppHostProcess.StartAsync(TimeSpan.FromMinutes(5), new Dictionary<string, string>
{
    ["RateLimits__OfficialPerMinute"] = "100000000",
    ["RateLimits__AnonymousPerMinute"] = "100000000",
    // The public look-up counts every attempt in flight against its code and network until it is answered, so the
    // bench's 64 concurrent look-ups of one code from one address would mostly be refused (RESOURCE_EXHAUSTED) and
    // measure the refusal: the per-caller limit is raised, as the gateway's are.
    ["Dossiers__LookupFailureLimit"] = "100000000",
    ["Dossiers__LookupNetworkFailureLimit"] = "100000000",
    // The Development demo dossiers would be generated in the background while the bench measures.
    ["Dossiers__DemoData__Dossiers"] = "0",
    // Five digits of sequence: warm-up and measured intakes of one agency in one day pass the default pattern's 9 999.
    ["Dossiers__CodePattern"] = "{agency}-{yyMMdd}-{seq:5}",
    // Free ports for the services, not their fixed 51x0/51x1: another stack may be running on this machine.
    ["AppHost__ServicePorts"] = "dynamic",
    // One request in a hundred traced, as a deployment under load would (the development default traces every one,
    // and the dashboard's intake of ~25 spans per dossier received then costs more CPU than the dossier itself).
    ["AppHost__TraceSampleRatio"] = Environment.GetEnvironmentVariable("CCHC_BENCH_TRACE_SAMPLE_RATIO") ?? "0.01",
});
try
{
    if (which.Contains("hold"))
    {
        // For profiling by hand: the stack stays up, its addresses printed, until Enter (or end of input).
        var direct = await ExternalLoad.DirectGrpcEndpointAsync(stack, "Cchc.Dossiers", "dossiersdb");
        Console.WriteLine($"gateway gRPC {stack.GatewayGrpc}  gateway HTTP {stack.GatewayHttp}  Dossiers direct {direct}");
        Console.WriteLine($"tokens {Path.Combine(stack.DataDirectory, "dev-tokens.json")}  PostgreSQL {stack.PostgresConnectionString("dossiersdb")}");
        Console.WriteLine("Commands: 'intake N [clients]' runs N intakes through the gateway; 'webhooks N' the webhooks bench with N "
            + "events (once per stack); 'procedure gateway|direct|hop [seconds]' runs GetProcedure by h2load 4x16 (hop: through "
            + "the bare YARP hop); an empty line or end of input stops it.");
        await DossierBenchmark.CreateProcedureAsync(stack);
        await using var hop = await BareHop.StartAsync(direct);
        Console.WriteLine($"bare YARP hop to Dossiers {hop.Address}");
        while (await Console.In.ReadLineAsync() is { Length: > 0 } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            try
            {
                if (words is ["intake", var n, ..])
                {
                    await DossierBenchmark.IntakeAsync(stack, int.Parse(n), words.Length > 2 ? int.Parse(words[2]) : 32);
                }
                else if (words is ["webhooks", var count, ..])
                {
                    // Once per stack: each run subscribes a receiver of its own, which is gone after it.
                    await WebhookBenchmark.RunAsync(stack, int.Parse(count), subjects: 200, publishers: 32);
                }
                else if (words is ["procedure", var target, ..])
                {
                    var load = ExternalLoad.H2Load.Saturating with { Seconds = words.Length > 2 ? int.Parse(words[2]) : 8 };
                    (await ExternalLoad.UnaryAsync(target switch { "direct" => direct, "hop" => hop.Address, _ => stack.GatewayGrpc }, "/cchc.dossiers.v1.ProcedureCatalog/GetProcedure",
                        new Cchc.Dossiers.V1.GetProcedureRequest { Code = "9.999001" }, stack.DevelopmentTokens()["administrator"], load))
                        .Print($"GetProcedure, h2load {load.Label}, {target}");
                }
            }
            catch (Exception ex)
            {
                // E.g. the agency's 9 999 codes of the day are used up: start the stack again.
                Console.WriteLine($"failed: {ex.Message}");
            }
        }
        return;
    }
    if (Run("dossiers"))
    {
        // At least 10 000 intakes measured: at ~1 000 /s fewer would be a few seconds, its p99 a handful of calls.
        await DossierBenchmark.RunAsync(stack, intakes: Math.Max(events, 10_000), lookups: events * 2);
    }
    if (Run("listing"))
    {
        await ProcessCpu.WaitForQuietAsync(stack, TimeSpan.FromMinutes(3));
        await ListingBenchmark.RunAsync(stack, stored);
    }
    if (Run("webhooks"))
    {
        await ProcessCpu.WaitForQuietAsync(stack, TimeSpan.FromMinutes(3));
        await WebhookBenchmark.RunAsync(stack, events, subjects: 200, publishers: 32);
    }
    if (Run("service-index"))
    {
        await ProcessCpu.WaitForQuietAsync(stack, TimeSpan.FromMinutes(3));
        await ServiceIndexBenchmark.RunAsync(stack, indexEvents);
    }
}
catch (Exception)
{
    // What the stack said last, to tell a bench bug from a stack that misbehaves.
    Console.WriteLine(string.Join('\n', stack.Output.Split('\n').TakeLast(60)));
    throw;
}
