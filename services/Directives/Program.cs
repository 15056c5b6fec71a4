using Cchc.Directives.Extensions;
using Cchc.Directives.Organization;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<OrganizationGrpcService>();

app.Run();

public partial class Program;
