using Microsoft.EntityFrameworkCore;
using Cchc.Notifications.Data;
using Cchc.Notifications.Inbox;
using Cchc.Notifications.Templates;
using Cchc.Notifications.Webhooks;
using Cchc.ServiceDefaults;

namespace Cchc.Notifications.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<NotificationsDbContext>(Resources.NotificationsDb, configureDbContextOptions: o => o.UseSnakeCaseNamingConvention());
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<NotificationsDbContext>();
        // The Vietnamese wording citizens and officials receive ships with the service.
        builder.AddDatabaseSeeder<NotificationsDbContext, ShippedTemplateSeeder>();

        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
        builder.Services.AddSingleton<DispatchSignal>();
        builder.Services.AddSingleton<InboxSignal>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService<WebhookDispatcher>();
    }
}
