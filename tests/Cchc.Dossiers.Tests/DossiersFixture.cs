using System.Collections.Concurrent;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Dossiers.Tests;

public sealed class DossiersFixture() : ServiceFixture<Program>(Resources.DossiersDb)
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _clockedChannels = new();
    private WebApplicationFactory<Program>? _clocked;

    /// <summary>The time dossiers are stamped with in <see cref="Clocked"/>; tokens keep the real time.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The service on the same database, with its dossier clock under the test's control.</summary>
    public WebApplicationFactory<Program> Clocked => _clocked ??=
        Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton(new DossierClock(Clock))));

    /// <summary>A channel to <see cref="Clocked"/> presenting <paramref name="token"/> (null: anonymous).</summary>
    public GrpcChannel ClockedChannel(string? token) =>
        _clockedChannels.GetOrAdd(token ?? "", _ => CreateChannel(Clocked, token));
}

/// <summary>A clock that stands still at whatever time a test sets.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    /// <summary>Sets the clock to a wall-clock time in Vietnam (UTC+07:00).</summary>
    public void SetVietnam(int year, int month, int day, int hour, int minute) =>
        _now = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}
