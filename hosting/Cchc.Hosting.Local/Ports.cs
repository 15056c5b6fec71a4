using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cchc.Hosting.Local;

public static class Ports
{
    /// <summary>A loopback port that was free a moment ago; the OS hands out ephemeral ports round-robin, so a reuse race is unlikely.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Returns once something accepts connections on the loopback <paramref name="port"/>, which
    /// <paramref name="process"/> was started to listen on; refused if the process exits first, and the last
    /// connection error is thrown once <paramref name="timeout"/> has passed.
    /// </summary>
    public static async Task WaitUntilListeningAsync(int port, Process process, string what, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited at start with code {process.ExitCode}.");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
