using Cchc.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Cchc.Notifications.Data;
using Cchc.Notifications.Digest;
using Cchc.Notifications.Events;
using Cchc.Notifications.Feeds;
using Cchc.Notifications.Messages;
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
        builder.AddNpgsqlDbContext<NotificationsDbContext>(Resources.NotificationsDb, DatabaseDefaults.Settings, o => DatabaseDefaults.Options(o.UseSnakeCaseNamingConvention()));
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<NotificationsDbContext>();
        // The Vietnamese wording citizens and officials receive ships with the service.
        builder.AddDatabaseSeeder<NotificationsDbContext, ShippedTemplateSeeder>();

        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
        builder.Services.AddSingleton<DispatchSignal>();
        builder.Services.AddSingleton<InboxSignal>();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddScoped<SubscriptionHandler>();
        builder.Services.AddScoped<WebhookOperationsHandler>();
        builder.Services.AddScoped<WebhookReader>();
        builder.Services.AddHostedService<WebhookDispatcher>();

        // E-mail (ConnectionStrings:smtp) and SMS (ConnectionStrings:sms); a channel without a connection string is off.
        builder.Services.Configure<MessageOptions>(builder.Configuration.GetSection("Messages"));
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<SmsSender>();
        builder.Services.AddSingleton<MessagePlanner>();
        builder.Services.AddSingleton<MessageSignal>();
        builder.Services.AddSingleton<EventIntake>();
        builder.Services.AddSingleton<UnitNames>();
        builder.Services.AddSingleton<Recipients.RecipientSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Recipients.RecipientSync>());
        builder.Services.AddSingleton<MessageDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MessageDispatcher>());
        builder.Services.AddSingleton<DailyDigest>();
        if (builder.Configuration.GetValue("Messages:DigestEnabled", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DailyDigest>());
        }
        // The applicant's contact is read from Dossiers when a message is sent; unit names from Directives.
        builder.Services.AddGrpcClient<Cchc.Dossiers.V1.ApplicantNotices.ApplicantNoticesClient>(o =>
                o.Address = new Uri($"http://_{Resources.GrpcEndpoint}.{Resources.Dossiers}"))
            .AddServiceDiscovery()
            .AddServiceCredentials(Resources.Dossiers);
        builder.Services.AddGrpcClient<Cchc.Directives.V1.OrganizationService.OrganizationServiceClient>(o =>
                o.Address = new Uri($"http://_{Resources.GrpcEndpoint}.{Resources.Directives}"))
            .AddServiceDiscovery()
            .AddServiceCredentials(Resources.Directives);

        // The producers' change feeds, where the AppHost (or configuration) says where each producer is.
        AddFeed<Cchc.Dossiers.V1.DossierChangeFeed.DossierChangeFeedClient, DossierFeedConsumer>(builder, Resources.Dossiers);
        AddFeed<Cchc.Directives.V1.DirectiveChangeFeed.DirectiveChangeFeedClient, DirectiveFeedConsumer>(builder, Resources.Directives);
        AddFeed<Cchc.Indexes.V1.IndexChangeFeed.IndexChangeFeedClient, IndexFeedConsumer>(builder, Resources.Indexes);
    }

    private static void AddFeed<TClient, TConsumer>(IHostApplicationBuilder builder, string producer)
        where TClient : class
        where TConsumer : FeedConsumer
    {
        builder.Services.AddGrpcClient<TClient>(o => o.Address = new Uri($"http://_{Resources.GrpcEndpoint}.{producer}"))
            .AddServiceDiscovery()
            .AddServiceCredentials(producer);
        if (!string.IsNullOrEmpty(builder.Configuration[$"services:{producer}:{Resources.GrpcEndpoint}:0"]))
        {
            builder.Services.AddHostedService<TConsumer>();
        }
    }
}
