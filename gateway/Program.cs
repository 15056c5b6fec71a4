using Cchc.Gateway.OpenApi;
using Cchc.Gateway.Routing;
using Cchc.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// API keys are checked against the shared cache, as in every service, so each key gets its own limit.
builder.AddRedisClient(Resources.Cache);
builder.AddEdgeDefaults();
builder.AddCallerRateLimits();
builder.AddServiceRoutes();
builder.AddGatewayReflection();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseCors(EdgeDefaults.PortalCorsPolicy);
app.UseServiceDefaults();
app.MapDefaultEndpoints(reflection: false);
// Reflection of every service the gateway fronts, in both protocol versions.
app.MapGrpcService<Grpc.Reflection.ReflectionServiceImpl>().AllowAnonymous();
app.MapGrpcService<GatewayReflectionV1>().AllowAnonymous();
app.UseRateLimiter();
app.UseInternalRpcRefusal();
app.MapApiDocumentation();
// Every service authorizes its own calls; the gateway must not refuse what a service would admit.
app.MapReverseProxy().AllowAnonymous();

app.Run();

public partial class Program;
