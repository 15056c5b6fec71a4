using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cchc.ServiceDefaults.Hosting;

/// <summary>
/// When the process has gone quiet, gives back the memory its last busy spell left committed: a blocking,
/// compacting, aggressive full collection (the GC decommits its free regions and the gen0 budget it grew under
/// load) and, on glibc, <c>malloc_trim</c> (native arenas the runtime, TLS and Npgsql's buffers grew). A service
/// that took a burst of intakes otherwise idles at its peak's footprint; four services, the gateway, PostgreSQL
/// and the cache share one small host.
/// </summary>
/// <remarks>
/// "Quiet" is measured, not guessed: at most <see cref="IdleMemoryTrimOptions.QuietBytes"/> allocated during one
/// <see cref="IdleMemoryTrimOptions.Window"/> (background watches and telemetry allocate a few hundred kB a
/// second; a single call on the hot path allocates tens of kB). One trim per quiet spell: it trims again only after
/// <see cref="IdleMemoryTrimOptions.RearmBytes"/> more have been allocated, so a slow trickle of background work
/// does not make it collect every window. The cost is one full collection (tens of ms on these heaps) when nobody
/// is waiting.
/// </remarks>
public sealed class IdleMemoryTrim(IOptions<IdleMemoryTrimOptions> options, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        var watch = new QuietWatch(settings.QuietBytes, settings.RearmBytes);
        watch.ShouldTrim(GC.GetTotalAllocatedBytes());
        using var timer = new PeriodicTimer(settings.Window);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (watch.ShouldTrim(GC.GetTotalAllocatedBytes()))
            {
                Trim();
                // The collection itself allocates nothing worth counting, but the sample is taken after it so that
                // the next window measures only what came after the trim.
                watch.Restart(GC.GetTotalAllocatedBytes());
            }
        }
    }

    private void Trim()
    {
        var before = Environment.WorkingSet;
        var clock = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
        logger.LogDebug("Idle memory trim: working set {Before} → {After} MB in {Elapsed} ms",
            before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024), clock.ElapsedMilliseconds);
    }

    /// <summary>The rule, apart from the clock and the GC: fed the process's total allocated bytes once a window.</summary>
    public sealed class QuietWatch(long quietBytes, long rearmBytes)
    {
        private long? _lastSample;
        private long? _atLastTrim;

        /// <summary>True when the window that ends now was quiet and enough was allocated since the last trim (or none was done).</summary>
        public bool ShouldTrim(long allocatedSoFar)
        {
            var previous = _lastSample;
            _lastSample = allocatedSoFar;
            if (previous is null || allocatedSoFar - previous.Value > quietBytes)
            {
                return false;
            }
            if (_atLastTrim is { } trimmed && allocatedSoFar - trimmed < rearmBytes)
            {
                return false;
            }
            _atLastTrim = allocatedSoFar;
            return true;
        }

        /// <summary>The count after a trim, as the start of the next window.</summary>
        public void Restart(long allocatedSoFar) => _lastSample = allocatedSoFar;
    }

    private static class NativeHeap
    {
        private static bool _unavailable = !OperatingSystem.IsLinux();

        /// <summary>glibc's <c>malloc_trim(0)</c>: free pages at the top and inside its arenas go back to the kernel. Not on musl or other systems.</summary>
        public static void Trim()
        {
            if (_unavailable)
            {
                return;
            }
            try
            {
                MallocTrim(0);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _unavailable = true;
            }
        }

        [DllImport("libc", EntryPoint = "malloc_trim")]
        private static extern int MallocTrim(nuint pad);
    }
}

/// <summary><c>Memory:IdleTrim</c>.</summary>
public sealed class IdleMemoryTrimOptions
{
    public const string Section = "Memory:IdleTrim";

    public bool Enabled { get; set; } = true;

    /// <summary>How long a spell of quiet is measured over before trimming.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many bytes allocated in a window for it to count as quiet.</summary>
    public long QuietBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Bytes allocated since the last trim before another quiet window trims again. An idle service's background work
    /// (feed polls, telemetry) allocates ~200 kB/s into fresh gen0 pages, so its RSS creeps back by about this much
    /// between trims; one trim every ~40 s at that rate costs a few tens of ms of CPU.
    /// </summary>
    public long RearmBytes { get; set; } = 8 * 1024 * 1024;
}
