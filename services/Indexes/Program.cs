using Cchc.Indexes.ChangeFeed;
using Cchc.Indexes.Extensions;
using Cchc.Indexes.Frameworks;
using Cchc.Indexes.Results;
using Cchc.Indexes.SelfAssessment;
using Cchc.Indexes.ServiceIndex;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

// Before routing: the README's short forms (AGENCY, MONTH) of the service-index paths.
app.UseServiceIndexShortForms();
app.UseRouting();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapGrpcService<IndexFrameworkGrpcService>();
app.MapGrpcService<IndexResultGrpcService>();
app.MapGrpcService<IndexChangeFeedGrpcService>();
app.MapGrpcService<SelfAssessmentGrpcService>();
app.MapGrpcService<ServiceIndexGrpcService>();

app.Run();

public partial class Program;
