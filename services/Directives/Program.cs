using Cchc.Directives.Access;
using Cchc.Directives.Extensions;
using Cchc.Directives.Organization;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<OrganizationGrpcService>();
app.MapGrpcService<ApiKeyGrpcService>();

app.Run();

public partial class Program;
