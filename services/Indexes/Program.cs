using Cchc.Indexes.Extensions;
using Cchc.Indexes.Frameworks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<IndexFrameworkGrpcService>();

app.Run();

public partial class Program;
