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
}
