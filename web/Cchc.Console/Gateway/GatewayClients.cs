using Cchc.Console.Identity;
using Cchc.ServiceDefaults;

namespace Cchc.Console.Gateway;

/// <summary>
/// gRPC clients of the services, all through the gateway's gRPC endpoint, each call carrying the
/// signed-in official's token (anonymous on the citizens' pages).
/// </summary>
public static class GatewayClients
{
    /// <summary>The gateway's gRPC endpoint: <c>Console:Gateway</c>, else what the AppHost's reference gives (<c>services:gateway:grpc:0</c>).</summary>
    public static Uri Address(IConfiguration configuration) =>
        new(configuration["Console:Gateway"]
            ?? configuration[$"services:{Resources.Gateway}:{Resources.GrpcEndpoint}:0"]
            ?? "http://127.0.0.1:5081");

    public static void AddGatewayClients(this IHostApplicationBuilder builder)
    {
        var address = Address(builder.Configuration);
        builder.Services.Configure<ConsoleSettings>(builder.Configuration.GetSection(ConsoleSettings.Section));
        builder.Services.AddSingleton<UnitDirectory>();
        builder.Services.AddSingleton<IndexSubjects>();
        builder.Services.AddScoped<InboxWatch>();
        Add<Cchc.Dossiers.V1.DossierService.DossierServiceClient>();
        Add<Cchc.Dossiers.V1.ProcedureCatalog.ProcedureCatalogClient>();
        Add<Cchc.Dossiers.V1.PublicStatus.PublicStatusClient>();
        Add<Cchc.Dossiers.V1.DossierStatistics.DossierStatisticsClient>();
        Add<Cchc.Dossiers.V1.DigitisedPapers.DigitisedPapersClient>();
        Add<Cchc.Directives.V1.OrganizationService.OrganizationServiceClient>();
        Add<Cchc.Directives.V1.DocumentService.DocumentServiceClient>();
        Add<Cchc.Directives.V1.TaskService.TaskServiceClient>();
        Add<Cchc.Directives.V1.StatisticsService.StatisticsServiceClient>();
        Add<Cchc.Indexes.V1.IndexResultService.IndexResultServiceClient>();
        Add<Cchc.Indexes.V1.ServiceIndexService.ServiceIndexServiceClient>();
        Add<Cchc.Notifications.V1.InboxService.InboxServiceClient>();

        void Add<TClient>() where TClient : class =>
            builder.Services.AddGrpcClient<TClient>(o => o.Address = address)
                .AddCallCredentials(async (_, metadata, services) =>
                {
                    // Resolved in the scope the client was made in: this circuit's official.
                    if (await services.GetRequiredService<OfficialToken>().GetAsync() is { } token)
                    {
                        metadata.Add("Authorization", $"Bearer {token}");
                    }
                })
                // The gateway speaks cleartext HTTP/2 on this machine's loopback; in production put TLS in front.
                .ConfigureChannel(o => o.UnsafeUseInsecureChannelCallCredentials = true);
    }
}
