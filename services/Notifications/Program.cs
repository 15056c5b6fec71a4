using Cchc.Notifications.Extensions;
using Cchc.Notifications.Templates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<TemplateGrpcService>();

app.Run();

public partial class Program;
