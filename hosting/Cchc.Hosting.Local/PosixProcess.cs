using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cchc.Hosting.Local;

/// <summary>Signals and process facts .NET does not expose: a graceful SIGTERM/SIGINT rather than <see cref="Process.Kill()"/>.</summary>
public static partial class PosixProcess
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Sends <paramref name="signal"/>, waits up to <paramref name="grace"/>, then kills the whole tree.</summary>
    public static async Task<int?> StopAsync(Process process, int signal, TimeSpan grace)
    {
        try
        {
            if (process.HasExited)
            {
                return process.ExitCode;
            }
            Signal(process.Id, signal);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Finds the processes whose environment carries <c>CCHC_APPHOST_ID=<paramref name="instanceId"/></c>.</summary>
    public static IReadOnlyList<int> FindByInstance(string instanceId)
    {
        var marker = System.Text.Encoding.UTF8.GetBytes($"CCHC_APPHOST_ID={instanceId}\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (environ.AsSpan().IndexOf(marker) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }
        return found;
    }
}
