using System.Diagnostics;
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
        var dll = RepositoryRoot.BuiltAssembly(Path.Combine("bench", "Cchc.Bench.Hop"), "Cchc.Bench.Hop");
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
        try
        {
            await Ports.WaitUntilListeningAsync(port, process, "The bare hop", TimeSpan.FromSeconds(30));
        }
        catch
        {
            await hop.DisposeAsync();
            throw;
        }
        return hop;
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
