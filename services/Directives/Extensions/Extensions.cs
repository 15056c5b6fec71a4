using Microsoft.EntityFrameworkCore;
using Cchc.Directives.Access;
using Cchc.Directives.Data;
using Cchc.Directives.Tasks;
using Cchc.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cchc.Directives.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<DirectivesDbContext>(Resources.DirectivesDb, configureDbContextOptions: o => o.UseSnakeCaseNamingConvention());
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<DirectivesDbContext>();
        builder.Services.AddHostedService<ApiKeyMirror>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<TaskReader>();
        if (builder.Environment.IsDevelopment())
        {
            builder.AddDatabaseSeeder<DirectivesDbContext, DemoOrganizationSeeder>();
            builder.AddDatabaseSeeder<DirectivesDbContext, DemoDirectivesSeeder>();
        }
    }
}
