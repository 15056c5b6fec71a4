using Cchc.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Cchc.ChangeFeeds;
using Cchc.Dossiers.Apologies;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Digitisation;
using Cchc.Dossiers.Domain.Codes;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Ratings;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults;
using Grpc.AspNetCore.Server;
using Npgsql;

namespace Cchc.Dossiers.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<DossiersDbContext>(Resources.DossiersDb, DatabaseDefaults.Settings, o => DatabaseDefaults.Options(o.UseSnakeCaseNamingConvention()));
        builder.AddRedisClient(Resources.Cache);
        builder.AddDatabaseMigrations<DossiersDbContext>();
        builder.Services.AddSingleton<CalendarSnapshots>();
        builder.Services.AddScoped<AppointmentScheduler>();

        builder.Services.AddOptions<DossierOptions>().BindConfiguration(DossierOptions.Section)
            .Validate(o => o.LookupFailureLimit > 0 && o.LookupFailureWindow > TimeSpan.Zero, "Lookup throttling needs a positive limit and window.")
            .Validate(o => o.PublicStatusCacheTtl > TimeSpan.Zero && o.UnknownCodeCacheTtl > TimeSpan.Zero, "Cache lifetimes must be positive.")
            .Validate(o => IsValidCodePattern(o.CodePattern), "Dossiers:CodePattern is not a dossier code pattern; see DossierCodeFormat.")
            .Validate(o => string.IsNullOrEmpty(o.LookupSecretKey) || IsKeyOfAtLeast32Bytes(o.LookupSecretKey), "Dossiers:LookupSecretKey must be base64 of at least 32 bytes.")
            .Validate(o => !builder.Environment.IsProduction() || !string.IsNullOrEmpty(o.LookupSecretKey) || o.AllowStoredLookupSecretKey,
                "In Production, Dossiers:LookupSecretKey must come from the secret store (a key kept in the database beside the hashes protects nothing "
                + "against a copy of it); set Dossiers:AllowStoredLookupSecretKey=true to keep one there anyway.")
            .ValidateOnStart();
        builder.Services.AddChangeFeed<DossiersDbContext, DossierEvent>(ChangeFeedWriter.Feed, $"{DossierOptions.Section}:ChangeStreamPollInterval");
        builder.Services.AddOptions<ApologyLetterOptions>().BindConfiguration(ApologyLetterOptions.Section)
            .Validate(o => o.MaxPerDossier >= 1 && o.IssueByWorkingDaysBeforeAppointment >= 0 && !string.IsNullOrWhiteSpace(o.Title),
                "Dossiers:ApologyLetters needs MaxPerDossier ≥ 1, IssueByWorkingDaysBeforeAppointment ≥ 0 and a Title.")
            .ValidateOnStart();
        builder.Services.AddOptions<DigitisationOptions>().BindConfiguration(DigitisationOptions.Section)
            .Validate(o => o.MaxFileBytes is > 0 and <= 64 * 1024 * 1024, "Dossiers:Digitisation:MaxFileBytes must be 1 byte to 64 MiB.")
            .ValidateOnStart();
        // Files travel in one message: the digitisation service admits them, the others keep gRPC's 4 MB.
        builder.Services.AddOptions<GrpcServiceOptions<DigitisedPapersGrpcService>>()
            .Configure<IOptions<DigitisationOptions>>((grpc, digitisation) => grpc.MaxReceiveMessageSize = digitisation.Value.MaxFileBytes + 64 * 1024);
        builder.Services.AddSingleton(sp => new DossierCodeFormat(sp.GetRequiredService<IOptions<DossierOptions>>().Value.CodePattern));
        builder.Services.AddSingleton(new ServiceClock(TimeProvider.System));
        // Several databases may share one cache (tests, or a shared Redis): keys carry the database's name.
        var database = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString(Resources.DossiersDb)).Database;
        builder.Services.AddSingleton(new CacheNamespace($"{Resources.Dossiers}:{database}:"));

        builder.Services.AddSingleton<DossierCodes>();
        builder.Services.AddSingleton<LookupSecrets>();
        builder.Services.AddSingleton<PublicStatusCache>();
        builder.Services.AddSingleton<Procedures.ProcedureCache>();
        builder.Services.AddSingleton<LookupThrottle>();
        builder.Services.AddScoped<IntakeHandler>();
        builder.Services.AddSingleton<IntakeBatcher>();
        builder.Services.AddScoped<TransitionHandler>();
        builder.Services.AddScoped<ApologyLetterHandler>();
        builder.Services.AddScoped<DigitisationHandler>();
        builder.Services.AddScoped<RatingHandler>();
        builder.Services.AddScoped<DossierReader>();
        builder.Services.AddScoped<Statistics.DossierStatisticsQuery>();
        // Warns a dossier's unit before and when its step's allowance runs out.
        builder.Services.Configure<StepDeadlines.StepWatchOptions>(builder.Configuration.GetSection(StepDeadlines.StepWatchOptions.Section));
        builder.Services.AddSingleton<StepDeadlines.StepWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StepDeadlines.StepWatch>());
        // Tells the administrators, once, from 1 November when the coming year has no official schedule.
        builder.Services.AddOptions<CalendarYearWatchOptions>().BindConfiguration(CalendarYearWatchOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && DateOnly.TryParseExact($"2001-{o.NoticeFrom}", "yyyy-MM-dd", out _),
                "Dossiers:CalendarYearWatch needs a positive Interval and NoticeFrom as \"MM-dd\" (e.g. \"11-01\").")
            .ValidateOnStart();
        builder.Services.AddSingleton<CalendarYearWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CalendarYearWatch>());

        // Development demo data: the catalogue at start-up, the dossiers in the background afterwards.
        if (builder.Environment.IsDevelopment())
        {
            builder.AddDatabaseSeeder<DossiersDbContext, DemoProcedureSeeder>();
            builder.Services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.Section));
            builder.Services.AddSingleton<DemoDossierSeeder>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoDossierSeeder>());
        }
    }

    private static bool IsValidCodePattern(string pattern)
    {
        try
        {
            _ = new DossierCodeFormat(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsKeyOfAtLeast32Bytes(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length >= 32;
    }
}
