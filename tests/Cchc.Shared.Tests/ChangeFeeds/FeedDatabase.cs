using Cchc.ChangeFeeds;
using Cchc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>
/// A fresh database per test class with <see cref="TestFeedContext"/>'s tables, and the services a
/// feed's gRPC adapter would get: the context per scope and the shared reader.
/// </summary>
public sealed class FeedDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("The database is not ready yet.");

    public ChangeFeedReader<TestFeedContext, TestEvent> Reader => Services.GetRequiredService<ChangeFeedReader<TestFeedContext, TestEvent>>();

    public async Task InitializeAsync()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("changefeeds");
        var services = new ServiceCollection();
        // A stream polls often here, so a test waits for new events briefly.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ChangeFeed:StreamPollInterval"] = "00:00:00.020" }).Build());
        services.AddDbContext<TestFeedContext>(o => o.UseNpgsql(connectionString).UseSnakeCaseNamingConvention());
        services.AddChangeFeed<TestFeedContext, TestEvent>(TestFeedContext.Feed);
        _services = services.BuildServiceProvider();
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    /// <summary>A context of its own, as a writer or a consumer has; the caller disposes it.</summary>
    public TestFeedContext NewContext() => new(Services.GetRequiredService<DbContextOptions<TestFeedContext>>());

    /// <summary>Appends one event per type in one committed transaction, as a service's change does.</summary>
    public async Task AppendAsync(params string[] types)
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        FeedWriter.Add(db, types.Select(type => new TestEvent { Type = type }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>The feed's last sequence, read page by page as a consumer does.</summary>
    public async Task<long> EndOfFeedAsync()
    {
        var cursor = 0L;
        while (true)
        {
            var page = await Reader.ReadPageAsync(cursor, 500, e => e, CancellationToken.None);
            if (page.Changes.Count == 0)
            {
                return cursor;
            }
            cursor = page.LastSequence;
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
