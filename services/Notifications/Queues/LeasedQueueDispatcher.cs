using System.Runtime.CompilerServices;
using Cchc.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cchc.Notifications.Queues;

/// <summary>How often a leased queue is polled, how much of it a round claims and sends at once, and for how long.</summary>
public interface ILeasedQueueOptions
{
    TimeSpan PollInterval { get; }
    int BatchSize { get; }
    int Concurrency { get; }
    /// <summary>How long a claimed row is held; after a crash that kept the owner's connection, another instance takes it over then.</summary>
    TimeSpan Lease { get; }
}

/// <summary>
/// A queue table the dispatch loop claims from: it has <c>sequence</c>, <c>state</c>,
/// <c>next_attempt_at</c>, <c>lease_until</c> and <c>lease_owner</c> columns. <see cref="Join"/>,
/// <see cref="Filter"/>, <see cref="Order"/> and <see cref="ChainFilter"/> are SQL over the candidate row <c>c</c>
/// (the follower <c>f</c> for the last); they are the queue's own constants, never input.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="PresencePrefix">The name of each instance's presence connection, before the instance id.</param>
/// <param name="PendingState">The <c>state</c> of a row waiting to be sent.</param>
/// <param name="Join">Rows the candidate must join (e.g. its active subscription), or empty.</param>
/// <param name="Filter">More conditions on the candidate, starting with <c>AND</c>, or empty.</param>
/// <param name="Order">Which candidates a round takes first.</param>
/// <param name="ChainKey">
/// For a queue whose rows must be sent in order within a chain (e.g. one subject's deliveries to one subscription):
/// the columns that name a chain. Only a chain's head, its first row still to come (<see cref="ChainFilter"/>), is a
/// candidate; claimed, it brings the rows after it in its chain, up to <see cref="ChainLength"/> in all, as long as each
/// is pending, due and not leased; they are sent one after the other behind it (<see cref="QueueClaim.Head"/>). The
/// heads are found through an index on the chain key's columns and <c>sequence</c>, of the rows still to come (a probe
/// per chain). Empty: every row on its own.
/// </param>
/// <param name="ChainFilter">Which rows of a chain are still to come (e.g. not delivered), over the row <c>f</c>.</param>
/// <param name="ChainLength">The most rows one claimed head brings, itself included.</param>
public sealed record LeasedQueue(string Table, string PresencePrefix, int PendingState, string Join = "", string Filter = "", string Order = "c.sequence",
    string[]? ChainKey = null, string ChainFilter = "TRUE", int ChainLength = 1);

/// <summary>
/// A claimed row, the instance whose claim on it was cut off (null when none was), and the head of the chain it is
/// sent behind (its own sequence when it is a head or the queue has no chains).
/// </summary>
public sealed record QueueClaim(long Sequence, Guid? Interrupted, long Head);

/// <summary>
/// The lease-and-claim loop of a queue. Each round claims due rows under a lease, so several instances
/// never send the same row at once, and sends them, several at a time (for a chained queue, each head's chain in
/// order: see <see cref="LeasedQueue.ChainKey"/>); a claimed row is always finished
/// and recorded, even while the service stops (cutting a send short after the receiver got it would make
/// it send again), so each send must be bounded by its own timeout.
/// <para>
/// Each instance keeps one database connection open under the name <c>&lt;prefix&gt;&lt;instance&gt;</c>
/// while it runs. A lease whose owner has no such connection any more (the process died: the server
/// closes its connection at once) is taken over without waiting for the lease to end, and the claim says
/// whose attempt was cut off, for the queue to record it as interrupted. The owner is cleared when an
/// attempt is recorded, so one left behind marks an interrupted attempt.
/// </para>
/// </summary>
public abstract class LeasedQueueDispatcher<TOptions>(IServiceProvider services, IOptions<TOptions> options, WakeSignal signal, ILogger logger)
    : BackgroundService
    where TOptions : class, ILeasedQueueOptions
{
    private readonly Guid _instance = Guid.CreateVersion7();
    private NpgsqlConnection? _presence;

    /// <summary>The queue this loop claims from.</summary>
    protected abstract LeasedQueue Queue { get; }

    /// <summary>The loop's name in the log.</summary>
    protected abstract string Name { get; }

    protected IServiceProvider Services { get; } = services;

    protected ILogger Logger { get; } = logger;

    protected TOptions Options => options.Value;

    /// <summary>Sends one claimed row and records the attempt, clearing its lease owner.</summary>
    protected abstract Task ProcessAsync(QueueClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a round's claimed rows, <see cref="ILeasedQueueOptions.Concurrency"/> at a time; a queue that can read
    /// what its rows need in one go for the whole round does so here.
    /// </summary>
    protected virtual Task ProcessRoundAsync(IReadOnlyList<QueueClaim> claimed, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency },
            async (claim, _) => await ProcessAsync(claim, cancellationToken));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        WakeSignal.RunRoundsAsync(DispatchOnceAsync, signal, options.Value.PollInterval, Logger, Name, stoppingToken);

    public override void Dispose()
    {
        _presence?.Dispose();
        base.Dispose();
    }

    /// <summary>One round: claims what is due and sends it; answers how many rows it claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await KeepPresenceAsync(cancellationToken);
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count > 0)
        {
            // Not cancellable: a claimed row is always finished and recorded.
            await ProcessRoundAsync(claimed, CancellationToken.None);
        }
        return claimed.Count;
    }

    /// <summary>The connection that says this instance is alive; opened again if the server lost it.</summary>
    private async Task KeepPresenceAsync(CancellationToken cancellationToken)
    {
        if (_presence is { State: System.Data.ConnectionState.Open })
        {
            return;
        }
        _presence?.Dispose();
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
        {
            ApplicationName = Queue.PresencePrefix + _instance,
            Pooling = false,
            KeepAlive = 10,
        };
        _presence = new NpgsqlConnection(connectionString.ConnectionString);
        await _presence.OpenAsync(cancellationToken);
    }

    private async Task<List<QueueClaim>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = DateTimeOffset.UtcNow;
        var queue = Queue;
        // The queue's table and conditions are written into the text; every value is a parameter.
        var chainKey = queue.ChainKey ?? [];
        var chained = chainKey.Length > 0 && queue.ChainLength > 1;
        string Key(string alias) => string.Join(", ", chainKey.Select(k => $"{alias}.{k}"));
        // A chained queue's candidates are the chains' first rows still to come, found by skipping from one chain to
        // the next in an index on (chain key, sequence) of those rows: a probe per chain, whatever the table holds.
        // (The same condition as NOT EXISTS an earlier row still to come, which the planner answered by reading every
        // row still to come, and every index entry a delivered row left behind until a vacuum, on every round.)
        var chains = chainKey.Length > 0
            ? $$"""
                RECURSIVE chains AS (
                    (SELECT {{Key("f")}}, f.sequence FROM {{queue.Table}} f
                     WHERE {{queue.ChainFilter}}
                     ORDER BY {{Key("f")}}, f.sequence
                     LIMIT 1)
                    UNION ALL
                    SELECT {{Key("n")}}, n.sequence FROM chains p CROSS JOIN LATERAL (
                        SELECT {{Key("f")}}, f.sequence FROM {{queue.Table}} f
                        WHERE {{queue.ChainFilter}} AND ({{Key("f")}}) > ({{Key("p")}})
                        ORDER BY {{Key("f")}}, f.sequence
                        LIMIT 1) n),

                """
            : "";
        var followers = chained
            ? $$"""
                , followers AS (
                    SELECT h.sequence AS head, f.sequence, f.previous,
                           bool_and(f.ready) OVER (PARTITION BY h.sequence ORDER BY f.sequence) AS reachable
                    FROM heads h
                    CROSS JOIN LATERAL (
                        SELECT f.sequence, f.lease_owner AS previous,
                               f.state = {0} AND f.next_attempt_at <= {1} AND f.lease_until <= {1} AS ready
                        FROM {{queue.Table}} f
                        WHERE {{string.Join(" AND ", chainKey.Select(k => $"f.{k} = h.{k}"))}} AND f.sequence > h.sequence AND {{queue.ChainFilter}}
                        ORDER BY f.sequence
                        LIMIT {6}) f)
                """
            : "";
        var claim = FormattableStringFactory.Create($$"""
            WITH {{chains}}heads AS (
                SELECT c.sequence, c.lease_owner AS previous{{string.Concat(chainKey.Select(k => $", c.{k}"))}} FROM {{queue.Table}} c
                {{(chainKey.Length > 0 ? "JOIN chains k ON k.sequence = c.sequence" : "")}}
                {{queue.Join}}
                WHERE c.state = {0} AND c.next_attempt_at <= {1}
                  AND (c.lease_until <= {1}
                       OR (c.lease_owner IS NOT NULL AND c.lease_owner <> {2} AND NOT EXISTS (
                           SELECT 1 FROM pg_stat_activity a WHERE a.application_name = {3} || c.lease_owner::text)))
                  {{queue.Filter}}
                ORDER BY {{queue.Order}}
                LIMIT {4}
                FOR UPDATE OF c SKIP LOCKED){{followers}},
            claimed AS (
                SELECT sequence, previous, sequence AS head FROM heads
                {{(chained ? "UNION ALL SELECT sequence, previous, head FROM followers WHERE reachable" : "")}})
            UPDATE {{queue.Table}} d SET lease_until = {5}, lease_owner = {2}
            FROM claimed WHERE d.sequence = claimed.sequence
            RETURNING d.sequence AS sequence, claimed.previous AS interrupted, claimed.head AS head
            """, [queue.PendingState, now, _instance, queue.PresencePrefix, options.Value.BatchSize, now + options.Value.Lease,
                .. chained ? new object[] { queue.ChainLength - 1 } : []]);
        return await db.Database.SqlQuery<QueueClaim>(claim).ToListAsync(cancellationToken);
    }
}
