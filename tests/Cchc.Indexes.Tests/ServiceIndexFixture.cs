using Cchc.Indexes.Data;
using Cchc.Indexes.ServiceIndex;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cchc.Indexes.Tests;

/// <summary>Indexes on its own database with a clock standing at 15/06/2026 09:00 (Vietnam), so "now" in the 766 judgement is fixed.</summary>
public sealed class ServiceIndexFixture() : ServiceFixture<Program>(Resources.IndexesDb)
{
    public TestClock Clock { get; } = CreateClock();

    private static TestClock CreateClock()
    {
        var clock = new TestClock();
        clock.SetVietnam(2026, 6, 15, 9, 0);
        return clock;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));

    /// <summary>Takes changes in as the consumer does with a page read from the feed, on <paramref name="instance"/> (default: the running one).</summary>
    public async Task TakeInAsync(IReadOnlyList<Cchc.Dossiers.V1.DossierChange> changes, WebApplicationFactory<Program>? instance = null)
    {
        await using var scope = (instance ?? Factory).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IndexesDbContext>();
        await DossierFeedConsumer.TakeInAsync(db, changes, CancellationToken.None);
    }
}
