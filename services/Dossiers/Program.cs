using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Extensions;
using Cchc.Dossiers.Procedures;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<ProcedureCatalogGrpcService>();
app.MapGrpcService<WorkingCalendarGrpcService>();

app.Run();

public partial class Program;
