using Cchc.Hosting.Local;
using Cchc.Bench;

// Benchmarks of the running stack. Not a test: it prints figures to compare with their ceilings.
//   dotnet run -c Release --project bench/Cchc.Bench -- [dossiers] [listing] [webhooks] [service-index] [--events N] [--dossiers N] [--index-events M]
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
    // The Development demo dossiers would be generated in the background while the bench measures.
    ["Dossiers__DemoData__Dossiers"] = "0",
    // Free ports for the services, not their fixed 51x0/51x1: another stack may be running on this machine.
    ["AppHost__ServicePorts"] = "dynamic",
});
try
{
    if (Run("dossiers"))
    {
        await DossierBenchmark.RunAsync(stack, intakes: events, lookups: events * 2);
    }
    if (Run("listing"))
    {
        await ListingBenchmark.RunAsync(stack, stored, calls: 1000);
    }
    if (Run("webhooks"))
    {
        await WebhookBenchmark.RunAsync(stack, events, subjects: 200, publishers: 32);
    }
    if (Run("service-index"))
    {
        await ServiceIndexBenchmark.RunAsync(stack, indexEvents);
    }
}
catch (Exception)
{
    // What the stack said last, to tell a bench bug from a stack that misbehaves.
    Console.WriteLine(string.Join('\n', stack.Output.Split('\n').TakeLast(60)));
    throw;
}
