using Cchc.ChangeFeeds;
using Cchc.Dossiers.V1;
using Cchc.Indexes.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Indexes.ServiceIndex;

/// <summary>
/// Reads the Dossiers change feed from the cursor stored here and folds each event into its dossier's
/// facts. A page's facts and the new cursor are committed together, and each fact remembers the last
/// sequence applied to it, so a crash or restart of either side neither loses nor doubles an event.
/// </summary>
public sealed class DossierFeedConsumer(IServiceProvider services, DossierChangeFeed.DossierChangeFeedClient feed, ILogger<DossierFeedConsumer> logger)
    : BackgroundService
{
    public const string FeedName = "dossiers";
    private const int PageSize = 500;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        FeedPolling.RunAsync(FeedName, PageSize, ConsumeOnceAsync, logger, stoppingToken);

    public async Task<int> ConsumeOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IndexesDbContext>();
        var after = await FeedCursors.LastSequenceAsync(db, FeedName, cancellationToken);
        var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = after, PageSize = PageSize }, cancellationToken: cancellationToken);
        if (page.Changes.Count == 0)
        {
            return 0;
        }
        await TakeInAsync(db, page.Changes, cancellationToken);
        return page.Changes.Count;
    }

    /// <summary>
    /// Folds the changes into their dossiers' facts and moves the cursor past the last one, in one transaction:
    /// the page's facts are read in one query, folded in memory in feed order, and written back in one
    /// set-based upsert (a page of 500 events was ~500 INSERT/UPDATE statements, each with its own column set).
    /// </summary>
    public static async Task TakeInAsync(IndexesDbContext db, IReadOnlyList<DossierChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }
        // Events not about one dossier (calendar.year_provisional) carry no dossier code and no facts.
        var dossierChanges = changes.Where(c => c.DossierCode.Length > 0).OrderBy(c => c.Sequence).ToList();
        var codes = dossierChanges.Select(c => c.DossierCode).Distinct().ToList();
        var lastSequence = changes.Max(c => c.Sequence);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var facts = await db.DossierFacts.AsNoTracking().Where(f => codes.Contains(f.DossierCode)).ToDictionaryAsync(f => f.DossierCode, ct);
            var touched = new Dictionary<string, DossierFact>(StringComparer.Ordinal);
            foreach (var change in dossierChanges)
            {
                if (!facts.TryGetValue(change.DossierCode, out var fact))
                {
                    fact = new DossierFact { DossierCode = change.DossierCode };
                    facts.Add(fact.DossierCode, fact);
                }
                if (fact.Apply(change.Sequence, change.Type, change.Payload))
                {
                    touched[fact.DossierCode] = fact;
                }
            }
            await DossierFactWriter.UpsertAsync(db, touched.Values, ct);
            // A replayed page never moves the cursor back.
            FeedCursors.Advance(db, await FeedCursors.FindAsync(db, FeedName, ct), FeedName, lastSequence, ServiceClock.System.UtcNow());
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }
}
