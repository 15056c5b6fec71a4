using System.Net;
using Garnet;
using Garnet.server;

namespace Cchc.AppHost.Hosting;

/// <summary>
/// The Redis-protocol cache: Garnet hosted in this process on a free loopback port, unless a
/// <c>ConnectionStrings:cache</c> in configuration names a Redis server to use instead.
/// </summary>
public sealed class GarnetResource(string name, string? externalConnectionString) : Resource(name), IResourceWithConnectionString
{
    private GarnetServer? _server;
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException($"{Name} has not started.");
    public int? Port { get; private set; }

    public static GarnetServer StartServer(int port)
    {
        var server = new GarnetServer(new GarnetServerOptions
        {
            EndPoints = [new IPEndPoint(IPAddress.Loopback, port)],
            QuietMode = true,
        });
        server.Start();
        return server;
    }

    public override string Describe() => Port is { } port ? $"127.0.0.1:{port}  (Garnet, in-process)" : "external Redis server";

    public override Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        State = ResourceState.Starting;
        if (!string.IsNullOrWhiteSpace(externalConnectionString))
        {
            _connectionString = externalConnectionString;
            context.Log.Line(Name, "using the server given in ConnectionStrings:cache");
        }
        else
        {
            Port = Ports.Free();
            _server = StartServer(Port.Value);
            _connectionString = $"127.0.0.1:{Port}";
            context.Log.Line(Name, $"Garnet listening on 127.0.0.1:{Port}");
        }
        State = ResourceState.Running;
        return Task.CompletedTask;
    }

    public override Task StopAsync()
    {
        State = ResourceState.Stopping;
        _server?.Dispose();
        _server = null;
        State = ResourceState.Stopped;
        return Task.CompletedTask;
    }
}
