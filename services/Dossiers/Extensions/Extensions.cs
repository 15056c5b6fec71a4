using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Codes;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults;
using Npgsql;

namespace Cchc.Dossiers.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<DossiersDbContext>(Resources.DossiersDb, configureDbContextOptions: o => o.UseSnakeCaseNamingConvention());
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<DossiersDbContext>();
        builder.Services.AddScoped<AppointmentScheduler>();

        builder.Services.AddOptions<DossierOptions>().BindConfiguration(DossierOptions.Section)
            .Validate(o => o.LookupFailureLimit > 0 && o.LookupFailureWindow > TimeSpan.Zero, "Lookup throttling needs a positive limit and window.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new DossierCodeFormat(sp.GetRequiredService<IOptions<DossierOptions>>().Value.CodePattern));
        builder.Services.AddSingleton(new DossierClock(TimeProvider.System));
        // Several databases may share one cache (tests, or a shared Redis): keys carry the database's name.
        var database = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString(Resources.DossiersDb)).Database;
        builder.Services.AddSingleton(new CacheNamespace($"{Resources.Dossiers}:{database}:"));

        builder.Services.AddSingleton<DossierCodes>();
        builder.Services.AddSingleton<LookupSecrets>();
        builder.Services.AddSingleton<PublicStatusCache>();
        builder.Services.AddSingleton<LookupThrottle>();
        builder.Services.AddScoped<IntakeHandler>();
        builder.Services.AddScoped<TransitionHandler>();
        builder.Services.AddScoped<DossierReader>();
    }
}
