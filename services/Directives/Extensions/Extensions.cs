using Cchc.ChangeFeeds;
using Cchc.Directives.Documents;
using Cchc.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Cchc.Directives.Access;
using Cchc.Directives.Calendar;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.ChaseUps;
using Cchc.Directives.Organization;
using Cchc.Directives.Data;
using Cchc.Directives.Tasks;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cchc.Directives.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<DirectivesDbContext>(Resources.DirectivesDb, DatabaseDefaults.Settings, o => DatabaseDefaults.Options(o.UseSnakeCaseNamingConvention()));
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<DirectivesDbContext>();
        builder.Services.AddHostedService<ApiKeyMirror>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(sp => new ServiceClock(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<WorkingDays>();
        builder.Services.AddScoped<TaskReader>();
        builder.Services.AddScoped<TaskAssignmentHandler>();
        builder.Services.AddScoped<ProgressReportHandler>();
        builder.Services.AddScoped<ChaseUpHandler>();
        builder.Services.AddScoped<DocumentRegistrationHandler>();
        builder.Services.AddScoped<DocumentReader>();
        builder.Services.AddScoped<Organization.OrganizationHandler>();
        builder.Services.AddScoped<Organization.OrganizationReader>();
        builder.Services.AddScoped<UnitDirectory>();
        builder.Services.AddScoped<EventPayloads>();
        builder.Services.AddChangeFeed<DirectivesDbContext, DirectiveEvent>(ChangeFeedWriter.Feed);

        // Chase-ups and deadline notices, sent by a scan at start and then periodically.
        builder.Services.Configure<ChaseUpOptions>(builder.Configuration.GetSection("ChaseUps"));
        builder.Services.AddSingleton<ChaseUpScanner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChaseUpScanner>());

        // The working calendar is Dossiers'; Directives keeps a copy, refreshed where configuration says where Dossiers is.
        builder.Services.Configure<CalendarOptions>(builder.Configuration.GetSection("Calendar"));
        builder.Services.AddGrpcClient<Cchc.Dossiers.V1.WorkingCalendar.WorkingCalendarClient>(o =>
                o.Address = new Uri($"http://_{Resources.GrpcEndpoint}.{Resources.Dossiers}"))
            .AddServiceDiscovery()
            .AddServiceCredentials(Resources.Dossiers);
        if (!string.IsNullOrEmpty(builder.Configuration[$"services:{Resources.Dossiers}:{Resources.GrpcEndpoint}:0"]))
        {
            builder.Services.AddSingleton<CalendarMirror>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<CalendarMirror>());
        }
        if (builder.Environment.IsDevelopment())
        {
            builder.AddDatabaseSeeder<DirectivesDbContext, DemoOrganizationSeeder>();
            builder.AddDatabaseSeeder<DirectivesDbContext, DemoDirectivesSeeder>();
        }
    }
}
