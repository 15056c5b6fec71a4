using Cchc.Directives.Access;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.Documents;
using Cchc.Directives.Extensions;
using Cchc.Directives.Organization;
using Cchc.Directives.Statistics;
using Cchc.Directives.Tasks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapGrpcService<OrganizationGrpcService>();
app.MapGrpcService<ApiKeyGrpcService>();
app.MapGrpcService<DocumentGrpcService>();
app.MapGrpcService<TaskGrpcService>();
app.MapGrpcService<ChangeFeedGrpcService>();
app.MapGrpcService<StatisticsGrpcService>();

app.Run();

public partial class Program;
