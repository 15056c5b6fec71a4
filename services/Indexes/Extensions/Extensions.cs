using Cchc.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Cchc.ChangeFeeds;
using Cchc.Indexes.ChangeFeed;
using Cchc.Indexes.Data;
using Cchc.Indexes.Frameworks;
using Cchc.Indexes.Results;
using Cchc.Indexes.SelfAssessment;
using Cchc.Indexes.ServiceIndex;
using Cchc.ServiceDefaults.Security;
using Cchc.ServiceDefaults;

namespace Cchc.Indexes.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<IndexesDbContext>(Resources.IndexesDb, DatabaseDefaults.Settings, o => DatabaseDefaults.Options(o.UseSnakeCaseNamingConvention()));
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<IndexesDbContext>();
        // The published methodologies are reference data every environment needs, not demo data.
        builder.AddDatabaseSeeder<IndexesDbContext, ShippedFrameworkSeeder>();
        builder.AddDatabaseSeeder<IndexesDbContext, ShippedResultSeeder>();

        // Self-assessment evidence is checked in Directives, where the AppHost (or configuration) says it is.
        builder.Services.AddGrpcClient<Cchc.Directives.V1.DocumentService.DocumentServiceClient>(o =>
                o.Address = new Uri($"http://_{Resources.GrpcEndpoint}.{Resources.Directives}"))
            .AddServiceDiscovery()
            .AddServiceCredentials(Resources.Directives);
        builder.Services.AddGrpcClient<Cchc.Directives.V1.TaskService.TaskServiceClient>(o =>
                o.Address = new Uri($"http://_{Resources.GrpcEndpoint}.{Resources.Directives}"))
            .AddServiceDiscovery()
            .AddServiceCredentials(Resources.Directives);
        builder.Services.AddScoped<DirectivesEvidence>();
        builder.Services.AddScoped<ResultRecordingHandler>();
        builder.Services.AddScoped<SelfAssessmentHandler>();
        builder.Services.AddScoped<SelfAssessmentReader>();
        builder.Services.AddChangeFeed<IndexesDbContext, IndexEvent>(ChangeFeedWriter.Feed, "Indexes:ChangeStreamPollInterval");

        // The real-time 766 service index is computed from the Dossiers change feed, where the AppHost (or configuration) says Dossiers is.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ServiceIndexCalculator>();
        builder.Services.AddSingleton<ServiceIndexTallies>();
        builder.Services.AddGrpcClient<Cchc.Dossiers.V1.DossierChangeFeed.DossierChangeFeedClient>(o =>
                o.Address = new Uri($"http://_{Resources.GrpcEndpoint}.{Resources.Dossiers}"))
            .AddServiceDiscovery()
            .AddServiceCredentials(Resources.Dossiers);
        if (!string.IsNullOrEmpty(builder.Configuration[$"services:{Resources.Dossiers}:{Resources.GrpcEndpoint}:0"]))
        {
            builder.Services.AddHostedService<DossierFeedConsumer>();
        }
    }
}
