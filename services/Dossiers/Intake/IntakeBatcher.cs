using Cchc.Dossiers.Data;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cchc.Dossiers.Intake;

/// <summary>
/// Commits the intakes waiting at one moment in one transaction of three round trips: the request-id locks, the
/// idempotency look-up, the applicants' digitised papers, one code-counter update per agency and day (the last
/// statements, so their row locks are taken after everything else) and the dossiers' ids; then the dossiers, audit
/// rows, accesses and change-feed events; then the commit.
/// </summary>
/// <remarks>
/// Codes stay gap-free per agency and day (the counter row is locked until commit, as before; a rolled
/// back batch gives all its numbers back) but the lock and the commit's flush are paid once per batch
/// instead of once per dossier, so intakes of one agency no longer run one commit after another.
/// Batches form by themselves: while one commits, the next intakes queue, and the next batch takes
/// them all. Several instances each batch their own; their batches of one agency meet at the counter
/// row. An intake the batch cannot take as it is (a request id twice in the batch, one already used)
/// or a batch that fails comes back as null, and the caller takes the one-by-one path, which gives the
/// reference answer (the batch is rolled back, so nothing of it stays).
/// </remarks>
public sealed class IntakeBatcher(IServiceScopeFactory scopes, DossierCodes codes, LookupSecrets secrets, ILogger<IntakeBatcher> logger)
{
    /// <summary>At most this many intakes in one transaction.</summary>
    public const int MaxBatch = 64;

    private sealed record Item(PreparedIntake Prepared, TaskCompletionSource<ReceivedDossier?> Done);

    private readonly Lock _gate = new();
    private long _batched;
    private long _failedBatches;

    /// <summary>Intakes committed by a batch so far (the rest went one by one).</summary>
    public long Batched => Interlocked.Read(ref _batched);

    /// <summary>Batches that failed and were rolled back, their intakes going one by one.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);
    private readonly Queue<Item> _waiting = new();
    private bool _running;

    /// <summary>The intake as committed in a batch, or null: take the one-by-one path.</summary>
    public Task<ReceivedDossier?> ReceiveAsync(PreparedIntake prepared, CancellationToken cancellationToken)
    {
        // Not cancellable once queued: the batch may already be committing it.
        var item = new Item(prepared, new TaskCompletionSource<ReceivedDossier?>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue(item);
            start = !_running;
            _running = true;
        }
        if (start)
        {
            _ = Task.Run(RunAsync, CancellationToken.None);
        }
        return item.Done.Task;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            List<Item> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _running = false;
                    return;
                }
                batch = new List<Item>(Math.Min(_waiting.Count, MaxBatch));
                while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _failedBatches);
                logger.LogWarning(ex, "A batch of {Count} intakes failed and was rolled back; they go one by one", batch.Count);
                foreach (var item in batch)
                {
                    item.Done.TrySetResult(null);
                }
            }
        }
    }

    private async Task CommitAsync(List<Item> items)
    {
        // A request id twice in one batch (a client's retry racing its first try): the first is taken,
        // the others go one by one after it committed and find it.
        var taken = new HashSet<Guid>();
        var batch = new List<Item>(items.Count);
        foreach (var item in items)
        {
            if (taken.Add(item.Prepared.Request.RequestId))
            {
                batch.Add(item);
            }
            else
            {
                item.Done.TrySetResult(null);
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        // A transient failure re-runs the whole transaction; one that commits and then fails is found by
        // the request-id look-up of the next attempt and answered one by one.
        var strategy = db.Database.CreateExecutionStrategy();
        var built = await strategy.ExecuteAsync(async () =>
        {
            // An attempt that finds intakes it cannot take rolls back and the rest go again without them: the code
            // counters must move by exactly the number of dossiers committed.
            while (batch.Count > 0)
            {
                if (await TryCommitAsync(db, batch) is { } made)
                {
                    return made;
                }
            }
            return [];
        });
        Interlocked.Add(ref _batched, built.Count);
        foreach (var (item, _, dossier, secret) in built)
        {
            dossier.Procedure = item.Prepared.Procedure;
            item.Done.TrySetResult(new ReceivedDossier(dossier, secret));
        }
    }

    /// <summary>
    /// One transaction: everything the batch reads and locks in one round trip, the rows in a second, the commit. Null
    /// when some intakes could not be taken (answered null and removed from <paramref name="batch"/>, the transaction
    /// rolled back).
    /// </summary>
    private async Task<List<(Item Item, PreparedIntake Prepared, Dossier Dossier, string Secret)>?> TryCommitAsync(DossiersDbContext db, List<Item> batch)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var groups = batch.GroupBy(i => (i.Prepared.Request.AgencyCode, i.Prepared.Day))
            .OrderBy(g => g.Key.AgencyCode, StringComparer.Ordinal).ThenBy(g => g.Key.Day)
            .Select(g => (g.Key.AgencyCode, g.Key.Day, Members: g.ToList())).ToList();
        await using var reads = new NpgsqlBatch(db.Database.NpgsqlConnection());
        // The one-by-one path's lock on each request id, all in one statement, in one order for every batch (so two
        // instances' batches cannot deadlock on them), with the calendar's stored revision: an intake computed from
        // an older calendar goes one by one.
        reads.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT (SELECT revision FROM calendar_revision)
            FROM (SELECT count(pg_advisory_xact_lock($1, k))
                  FROM (SELECT DISTINCT hashtext(r) AS k FROM unnest($2::text[]) AS r ORDER BY 1) AS keys) AS locked
            """)
        {
            Parameters = { new() { Value = IntakeHandler.RequestIdLockSpace }, new() { Value = batch.Select(i => i.Prepared.Request.RequestId.ToString("D")).ToArray() } },
        });
        // Retries of requests already received: the one-by-one path answers them (same receipt or REQUEST_ID_REUSED).
        reads.BatchCommands.Add(new NpgsqlBatchCommand("SELECT request_id FROM dossiers WHERE request_id = ANY($1)")
        {
            Parameters = { new() { Value = batch.Select(i => i.Prepared.Request.RequestId).ToArray() } },
        });
        // The applicants' digitised papers.
        reads.BatchCommands.Add(IntakeHandler.AvailablePapersCommand([.. batch.Select(i => i.Prepared.ApplicantKey).Distinct(StringComparer.Ordinal)]));
        // The counter rows last, as the statements run in this order: the short lock after everything else.
        foreach (var (agency, day, members) in groups)
        {
            reads.BatchCommands.Add(DossierCodes.RangeCommand(agency, day, members.Count));
        }
        // The dossiers' ids, so that the audit rows can name them in the same round trip as the dossiers.
        reads.BatchCommands.Add(BatchInsert.KeysCommand<Dossier>(db, batch.Count));

        long calendarRevision;
        HashSet<Guid> used = [];
        ILookup<string, IntakeHandler.AvailablePaper> available;
        var lasts = new List<long>(groups.Count);
        List<long> keys;
        await using (var reader = await reads.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            calendarRevision = reader.GetInt64(0);
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                used.Add(reader.GetGuid(0));
            }
            await reader.NextResultAsync();
            available = await IntakeHandler.ReadAvailablePapersAsync(reader, CancellationToken.None);
            foreach (var _ in groups)
            {
                await reader.NextResultAsync();
                await reader.ReadAsync();
                lasts.Add(reader.GetInt64(0));
            }
            await reader.NextResultAsync();
            keys = await BatchInsert.ReadKeysAsync(reader, CancellationToken.None);
        }

        var refused = batch.Where(i => i.Prepared.CalendarRevision != calendarRevision || used.Contains(i.Prepared.Request.RequestId)).ToHashSet();
        if (refused.Count > 0)
        {
            foreach (var item in refused)
            {
                item.Done.TrySetResult(null);
            }
            batch.RemoveAll(refused.Contains);
            await transaction.RollbackAsync();
            return null;
        }

        var made = new List<(Item Item, PreparedIntake Prepared, Dossier Dossier, string Secret)>(batch.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var (agency, day, members) = groups[g];
            var numbers = codes.Range(agency, day, members.Count, lasts[g]);
            for (var i = 0; i < members.Count; i++)
            {
                var prepared = IntakeHandler.WithReusedPapers(members[i].Prepared, available[members[i].Prepared.ApplicantKey]);
                var (dossier, secret) = await IntakeHandler.BuildAsync(prepared, numbers[i], secrets, CancellationToken.None);
                made.Add((members[i], prepared, dossier, secret));
            }
        }
        // The rows go in as one statement per table (BatchInsert) rather than through SaveChanges: EF's tracking,
        // statement text and a parameter per value of every row cost more than the inserts themselves.
        var dossiers = made.ConvertAll(b => b.Dossier);
        BatchInsert.AssignKeys(db, dossiers, keys);
        var records = made.ConvertAll(b => IntakeHandler.RecordsOf(b.Prepared, b.Dossier));
        var accesses = records.SelectMany(r => r.Accesses).ToList();
        // In the batch's transaction, as the feed's events must be (BatchInsert refuses to run outside one).
        await BatchInsert.ExecuteAsync(db, CancellationToken.None,
        [
            BatchInsert.Command(db, dossiers),
            BatchInsert.Command(db, records.ConvertAll(r => r.Audit)),
            BatchInsert.Command(db, records.ConvertAll(r => r.Event)),
            .. accesses.Count > 0 ? [BatchInsert.Command(db, accesses)] : Array.Empty<NpgsqlBatchCommand>(),
        ]);
        await transaction.CommitAsync();
        return made;
    }
}
