using Cchc.Console.Components;
using Cchc.Console.Extensions;
using Cchc.Console.Gateway;
using Cchc.Console.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddConsoleDefaults();
builder.AddOfficialSignIn();
builder.AddGatewayClients();
builder.AddConsoleInterface();

var app = builder.Build();

app.UseConsoleDefaults();
app.MapSignInEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>The console as tests host it (WebApplicationFactory).</summary>
public partial class Program;
