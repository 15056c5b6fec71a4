using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using Cchc.Hosting.Local;

namespace Cchc.Bench;

/// <summary>
/// The bare proxy hop (bench/Cchc.Bench.Hop: Kestrel and YARP's forwarder, no duties) as a process of its own,
/// in front of one destination, stopped when disposed. A call through it is the ceiling of a call through any
/// YARP gateway on this machine: gateway / hop is the share the gateway keeps after its own duties.
/// </summary>
public sealed class BareHop : IAsyncDisposable
{
    private readonly Process _process;

    private BareHop(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where to send calls (h2c).</summary>
    public Uri Address { get; }

    public static async Task<BareHop> StartAsync(Uri destination)
    {
        var configuration = typeof(BareHop).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepositoryRoot.Find(), "bench", "Cchc.Bench.Hop", "bin", configuration, "net10.0", "Cchc.Bench.Hop.dll");
        var port = Ports.Free();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, port.ToString(System.Globalization.CultureInfo.InvariantCulture), destination.GetLeftPart(UriPartial.Authority) })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"hop: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hop = new BareHop(process, new Uri($"http://127.0.0.1:{port}"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return hop;
            }
            catch (SocketException) when (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                await hop.DisposeAsync();
                throw new InvalidOperationException($"the bare hop did not listen on {port} (exited: {process.HasExited})");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
