using Microsoft.EntityFrameworkCore;
using Cchc.Indexes.Data;
using Cchc.Indexes.Frameworks;
using Cchc.Indexes.Results;
using Cchc.ServiceDefaults;

namespace Cchc.Indexes.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<IndexesDbContext>(Resources.IndexesDb, configureDbContextOptions: o => o.UseSnakeCaseNamingConvention());
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<IndexesDbContext>();
        // The published methodologies are reference data every environment needs, not demo data.
        builder.AddDatabaseSeeder<IndexesDbContext, ShippedFrameworkSeeder>();
        builder.AddDatabaseSeeder<IndexesDbContext, ShippedResultSeeder>();
    }
}
