using Microsoft.EntityFrameworkCore;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Data;
using Cchc.ServiceDefaults;

namespace Cchc.Dossiers.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<DossiersDbContext>(Resources.DossiersDb, configureDbContextOptions: o => o.UseSnakeCaseNamingConvention());
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<DossiersDbContext>();
        builder.Services.AddScoped<AppointmentScheduler>();
    }
}
