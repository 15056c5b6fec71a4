using Cchc.Indexes.ChangeFeed;
using Cchc.Indexes.Extensions;
using Cchc.Indexes.Frameworks;
using Cchc.Indexes.Results;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<IndexFrameworkGrpcService>();
app.MapGrpcService<IndexResultGrpcService>();
app.MapGrpcService<IndexChangeFeedGrpcService>();

app.Run();

public partial class Program;
