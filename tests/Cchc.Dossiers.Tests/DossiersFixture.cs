using System.Collections.Concurrent;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cchc.Dossiers.Tests;

// The step watch and the calendar year watch run when a test says so, on the test's clock
// (StepWatchTests, CalendarYearWatchTests), never on their own.
public sealed class DossiersFixture() : ServiceFixture<Program>(Resources.DossiersDb, settings: new Dictionary<string, string>
{
    ["Dossiers:StepWatch:Enabled"] = "false",
    ["Dossiers:CalendarYearWatch:Enabled"] = "false",
})
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _clockedChannels = new();
    private WebApplicationFactory<Program>? _clocked;

    /// <summary>The time dossiers are stamped with in <see cref="Clocked"/>; tokens keep the real time.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The service on the same database, with its dossier clock under the test's control.</summary>
    public WebApplicationFactory<Program> Clocked => _clocked ??=
        Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton(new ServiceClock(Clock))));

    /// <summary>A channel to <see cref="Clocked"/> presenting <paramref name="token"/> (null: anonymous).</summary>
    public GrpcChannel ClockedChannel(string? token) =>
        _clockedChannels.GetOrAdd(token ?? "", _ => CreateChannel(Clocked, token));
}
