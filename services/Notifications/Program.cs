using Cchc.Notifications.Extensions;
using Cchc.Notifications.Inbox;
using Cchc.Notifications.Messages;
using Cchc.Notifications.Recipients;
using Cchc.Notifications.Templates;
using Cchc.Notifications.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapGrpcService<TemplateGrpcService>();
app.MapGrpcService<WebhookGrpcService>();
app.MapGrpcService<InboxGrpcService>();
app.MapGrpcService<MessageGrpcService>();
app.MapGrpcService<RecipientGrpcService>();

app.Run();

public partial class Program;
