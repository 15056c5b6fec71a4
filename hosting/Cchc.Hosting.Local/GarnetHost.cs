using System.Net;
using Garnet;
using Garnet.server;

namespace Cchc.Hosting.Local;

/// <summary>Garnet, the Redis-protocol cache, in this process on a loopback port: the AppHost's cache resource and the tests' cache.</summary>
public static class GarnetHost
{
    public static GarnetServer Start(int port, IPAddress? address = null)
    {
        var server = new GarnetServer(new GarnetServerOptions
        {
            EndPoints = [new IPEndPoint(address ?? IPAddress.Loopback, port)],
            QuietMode = true,
            // Scripts, as Redis runs them: the public status's "replace if newer" is one.
            EnableLua = true,
            LuaOptions = new LuaOptions(),
        });
        server.Start();
        return server;
    }
}
