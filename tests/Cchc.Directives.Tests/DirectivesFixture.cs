extern alias dossiers;

using Cchc.Directives.Tasks;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;

namespace Cchc.Directives.Tests;

public sealed class DirectivesFixture() : ServiceFixture<Program>(Resources.DirectivesDb);

/// <summary>The service as a developer runs it: Development, with the demo organisation seeded.</summary>
public sealed class DevelopmentDirectivesFixture() : ServiceFixture<Program>(Resources.DirectivesDb, "Development");

/// <summary>
/// Directives on a day the test sets, beside a real Dossiers service (in memory, its own database)
/// whose working calendar it copies. Background passes wait a day, so each test runs the calendar
/// refresh and the chase-up scan itself.
/// </summary>
public sealed class ClockedDirectivesFixture() : ServiceFixture<Program>(Resources.DirectivesDb, settings: new Dictionary<string, string>
{
    [$"services:{Resources.Dossiers}:{Resources.GrpcEndpoint}:0"] = "http://dossiers.test",
    ["Calendar:RefreshInterval"] = "1.00:00:00",
    ["Calendar:RetryDelay"] = "1.00:00:00",
    ["ChaseUps:ScanInterval"] = "1.00:00:00",
})
{
    public ServiceFixture<dossiers::Program> Dossiers { get; } = new(Resources.DossiersDb);

    public TestClock Clock { get; } = new();

    /// <summary>While set, calls to Dossiers fail as if its host refused the connection.</summary>
    public bool DossiersUnreachable { get; set; }

    public override async Task InitializeAsync()
    {
        await Dossiers.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Dossiers.DisposeAsync();
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(new ServiceClock(Clock));
        // Dossiers is reached in memory; every other step of the call (discovery, credentials, gRPC) is the real one.
        services.Configure<HttpClientFactoryOptions>(nameof(Cchc.Dossiers.V1.WorkingCalendar.WorkingCalendarClient),
            o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = new Network(this, Dossiers.CreateHandler())));
    }

    private sealed class Network(ClockedDirectivesFixture fixture, HttpMessageHandler dossiers) : DelegatingHandler(dossiers)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            fixture.DossiersUnreachable
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (dossiers.test)")
                : base.SendAsync(request, cancellationToken);
    }
}
