using Microsoft.EntityFrameworkCore;
using Cchc.Notifications.Data;
using Cchc.Notifications.Feeds;
using Cchc.Notifications.Inbox;
using Cchc.Notifications.Templates;
using Cchc.Notifications.Webhooks;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;

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

        // The Dossiers change feed, where the AppHost (or configuration) says where Dossiers is.
        builder.Services.AddGrpcClient<Cchc.Dossiers.V1.DossierChangeFeed.DossierChangeFeedClient>(o =>
                o.Address = new Uri($"http://_{Resources.GrpcEndpoint}.{Resources.Dossiers}"))
            .AddServiceDiscovery()
            .AddServiceCredentials();
        if (!string.IsNullOrEmpty(builder.Configuration[$"services:{Resources.Dossiers}:{Resources.GrpcEndpoint}:0"]))
        {
            builder.Services.AddHostedService<DossierFeedConsumer>();
        }
    }
}
