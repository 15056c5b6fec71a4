using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Forwarder;

// The bench's bare proxy hop: Kestrel (h2c) and YARP's forwarder to one destination, nothing else — no
// authentication, limits, CORS, correlation id, telemetry or logging. Forwarding a call through it next to the
// same call direct and through the gateway says what any YARP hop costs on this machine, and so how much of the
// gateway's cost is its own duties.
//   dotnet Cchc.Bench.Hop.dll <port> <destination, e.g. http://127.0.0.1:5121>
var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var destination = args[1];

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
builder.Services.AddHttpForwarder();

var app = builder.Build();
// As the gateway's gRPC clusters: HTTP/2 exactly to the service.
app.MapForwarder("/{**path}", destination, new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });
app.Run();
