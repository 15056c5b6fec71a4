using System.Net;
using System.Runtime.InteropServices;
using Cchc.Hosting.Local;

// Garnet on --port (default 6379) and --bind (default 127.0.0.1) until SIGINT or SIGTERM.
var port = 6379;
var address = IPAddress.Loopback;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--bind": address = IPAddress.Parse(args[i + 1]); break;
        default: Console.Error.WriteLine($"Unknown option {args[i]}; use --port N --bind ADDRESS."); return 2;
    }
}

using var server = GarnetHost.Start(port, address);
Console.WriteLine($"Garnet listening on {address}:{port}");
var stop = new TaskCompletionSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
await stop.Task;
Console.WriteLine("Garnet stopped");
return 0;
