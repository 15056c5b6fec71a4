using System.Globalization;
using Cchc.Hosting.Local;

namespace Cchc.Bench;

/// <summary>
/// CPU time used by each process of the stack (and the bench itself), from /proc: a figure divided by the
/// calls made in between says where each call's CPU goes on a machine whose cores every process shares.
/// </summary>
public static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>
    /// CPU seconds so far of each process, by pid, with its label: the stack's processes (marked with its instance id),
    /// their children, and the bench. By pid, not by name: a PostgreSQL backend that exits between two snapshots must
    /// not take its whole life's CPU off the others' of its database.
    /// </summary>
    public static Dictionary<int, (string Label, double Seconds)> Snapshot(AppHostProcess stack)
    {
        var marker = $"CCHC_APPHOST_ID={stack.InstanceId}";
        var all = new Dictionary<int, (int Parent, string Name, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // After "(comm) ": state, ppid, …; utime and stime are the 14th and 15th fields of the line.
                all[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), name,
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
            }
        }
        var roots = all.Keys.Where(pid => HasMarker(pid, marker)).ToHashSet();
        roots.Add(Environment.ProcessId);
        var processes = new Dictionary<int, (string Label, double Seconds)>();
        foreach (var (pid, (_, name, ticks)) in all)
        {
            if (!InStack(pid, all, roots))
            {
                continue;
            }
            var label = pid == Environment.ProcessId ? "bench client" : name == "postgres" ? PostgresLabel(pid) : name;
            processes[pid] = (label, ticks / TicksPerSecond);
        }
        return processes;
    }

    /// <summary>Prints each process's CPU per call between two snapshots, largest first, with the total.</summary>
    /// <remarks>
    /// A process started in between counts from its start; one that ended in between is left out (its last moments
    /// with it: PostgreSQL's backends end with their connections, rarely during a measurement).
    /// </remarks>
    public static void Print(Dictionary<int, (string Label, double Seconds)> before, Dictionary<int, (string Label, double Seconds)> after, int calls, string what)
    {
        var used = after
            .GroupBy(a => a.Value.Label, a => a.Value.Seconds - (before.TryGetValue(a.Key, out var then) ? then.Seconds : 0), StringComparer.Ordinal)
            .Select(g => (g.Key, Ms: g.Sum() * 1000 / calls))
            .Where(u => u.Ms >= 0.005).OrderByDescending(u => u.Ms).ToList();
        Console.WriteLine($"  CPU per {what}, by process: {string.Join(", ", used.Select(u => $"{u.Key} {u.Ms:0.00}"))} ms; total {used.Sum(u => u.Ms):0.00} ms "
            + $"(2 cores allow {2000 / Math.Max(used.Sum(u => u.Ms), 0.001):0} /s at this cost)");
    }

    /// <summary>
    /// Waits until the stack has gone quiet (its processes, the bench's own left out, below a tenth of a core over a
    /// second), at most <paramref name="atMost"/>: work a measurement set off (the messages of 20 000 received dossiers,
    /// say) must not run on the cores the next measurement is given. Prints how long it waited when it had to.
    /// </summary>
    public static async Task WaitForQuietAsync(AppHostProcess stack, TimeSpan atMost)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = Snapshot(stack);
        while (clock.Elapsed < atMost)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Snapshot(stack);
            var busy = now.Where(p => p.Value.Label != "bench client")
                .Sum(p => p.Value.Seconds - (last.TryGetValue(p.Key, out var then) ? then.Seconds : 0));
            last = now;
            if (busy < 0.1)
            {
                break;
            }
        }
        if (clock.Elapsed > TimeSpan.FromSeconds(2))
        {
            Console.WriteLine($"  (waited {clock.Elapsed.TotalSeconds:0} s for the stack to go quiet{(clock.Elapsed >= atMost ? ", and it did not" : "")})");
        }
    }

    private static bool HasMarker(int pid, string marker)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Contains(marker, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool InStack(int pid, Dictionary<int, (int Parent, string Name, long Ticks)> all, HashSet<int> roots)
    {
        for (var current = pid; current > 1 && all.TryGetValue(current, out var process); current = process.Parent)
        {
            if (roots.Contains(current))
            {
                return true;
            }
        }
        return false;
    }

    // A backend's title is "postgres: <user> <database> <client> <state>": by database; the server's own processes together.
    private static string PostgresLabel(int pid)
    {
        try
        {
            var title = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return title.Length >= 3 && title[0] == "postgres:" && title[2].EndsWith("db", StringComparison.Ordinal) ? $"PostgreSQL {title[2]}" : "PostgreSQL server";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "PostgreSQL server";
        }
    }
}
