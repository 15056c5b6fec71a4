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

    /// <summary>CPU seconds so far by process name: the stack's processes (marked with its instance id), their children, and the bench.</summary>
    public static Dictionary<string, double> Snapshot(AppHostProcess stack)
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
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pid, (_, name, ticks)) in all)
        {
            if (!InStack(pid, all, roots))
            {
                continue;
            }
            var label = pid == Environment.ProcessId ? "bench client" : name == "postgres" ? PostgresLabel(pid) : name;
            totals[label] = totals.GetValueOrDefault(label) + ticks / TicksPerSecond;
        }
        return totals;
    }

    /// <summary>Prints each process's CPU per call between two snapshots, largest first, with the total.</summary>
    public static void Print(Dictionary<string, double> before, Dictionary<string, double> after, int calls, string what)
    {
        var used = after.Select(a => (a.Key, Ms: (a.Value - before.GetValueOrDefault(a.Key)) * 1000 / calls))
            .Where(u => u.Ms >= 0.005).OrderByDescending(u => u.Ms).ToList();
        Console.WriteLine($"  CPU per {what}, by process: {string.Join(", ", used.Select(u => $"{u.Key} {u.Ms:0.00}"))} ms; total {used.Sum(u => u.Ms):0.00} ms "
            + $"(2 cores allow {2000 / Math.Max(used.Sum(u => u.Ms), 0.001):0} /s at this cost)");
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
