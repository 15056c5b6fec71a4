using Cchc.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceRoutes();

var app = builder.Build();

app.MapDefaultEndpoints();
// Every service authorizes its own calls; the gateway must not refuse what a service would admit.
app.MapReverseProxy().AllowAnonymous();

app.Run();

public partial class Program;
