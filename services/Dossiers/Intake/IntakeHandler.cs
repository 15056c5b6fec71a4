using Cchc.ChangeFeeds;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Digitisation;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Data;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Calendar;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using IntakeChannel = Cchc.Dossiers.Records.IntakeChannel;

namespace Cchc.Dossiers.Intake;

/// <summary>A dossier as received, with its plain lookup secret for the receipt.</summary>
public sealed record ReceivedDossier(Dossier Dossier, string LookupSecret);

/// <summary>
/// Receives a dossier in one transaction: code, appointment, audit row and change-feed event
/// commit together or not at all.
/// </summary>
public sealed class IntakeHandler(
    DossiersDbContext db,
    AppointmentScheduler scheduler,
    DossierCodes codes,
    LookupSecrets secrets,
    PublicStatusCache publicStatus,
    IntakeBatcher batcher,
    ProcedureCache procedures,
    CalendarSnapshots snapshots,
    ServiceClock clock)
{
    // The two-int advisory-lock key space, first key: "intake by request id".
    internal const int RequestIdLockSpace = 1;

    /// <summary>
    /// Receives a dossier. What can be read before the transaction (the procedure, the applicant's
    /// digitised papers, the calendar) is read here, concurrently with other intakes; the writes go to
    /// the <see cref="IntakeBatcher"/>, which commits the intakes waiting at that moment in one transaction
    /// (one code-counter update per agency and day, one commit). Anything unusual (an error while
    /// preparing, a retried request id, a failed batch) takes the one-by-one path, whose answers are the
    /// reference.
    /// </summary>
    public async Task<ReceivedDossier> ReceiveAsync(IntakeRequest request, Caller caller, CancellationToken cancellationToken)
    {
        PreparedIntake? prepared;
        try
        {
            prepared = await PrepareAsync(request, caller, latestCalendar: true, cancellationToken);
        }
        catch (RpcException)
        {
            // E.g. an unknown procedure — unless the request id was already used, which answers first.
            prepared = null;
        }
        var received = prepared is null ? null : await batcher.ReceiveAsync(prepared, cancellationToken);
        if (received is null)
        {
            return await ReceiveOneAsync(request, caller, cancellationToken);
        }
        await publicStatus.PublishAsync(received.Dossier);
        return received;
    }

    /// <summary>One intake in a transaction of its own (the path every answer is defined by).</summary>
    public async Task<ReceivedDossier> ReceiveOneAsync(IntakeRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        // A failed save fails the intake's whole transaction, so no savepoint is needed around each save.
        db.Database.AutoSavepointsEnabled = false;
        var received = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Retries of one request wait for each other here, so the second finds the first's dossier
            // instead of racing it to the unique index.
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock({RequestIdLockSpace}, hashtext({request.RequestId.ToString("D")}))", ct);

            var existing = await db.Dossiers.Include(d => d.Procedure)
                .FirstOrDefaultAsync(d => d.RequestId == request.RequestId, ct);
            if (existing is not null)
            {
                if (existing.RequestFingerprint != request.Fingerprint)
                {
                    throw RpcErrors.FailedPrecondition("REQUEST_ID_REUSED", "request_id",
                        $"request_id {request.RequestId:D} was already used for another intake; choose a new one for a new dossier.");
                }
                return new ReceivedDossier(existing, await secrets.DeriveAsync(existing.Code, existing.RequestId, ct));
            }

            var (created, procedure) = await CreateAsync(request, caller, ct);
            await transaction.CommitAsync(ct);
            // The procedure was read untracked; attached only now, with nothing left to save.
            db.ChangeTracker.Clear();
            created.Dossier.Procedure = procedure;
            return created;
        }, cancellationToken);

        await publicStatus.PublishAsync(received.Dossier);
        return received;
    }

    private async Task<(ReceivedDossier Received, Procedure Procedure)> CreateAsync(IntakeRequest request, Caller caller, CancellationToken ct)
    {
        var prepared = await PrepareAsync(request, caller, latestCalendar: false, ct);
        var available = await ReadAvailablePapersAsync(db, [prepared.ApplicantKey], ct);
        prepared = WithReusedPapers(prepared, available[prepared.ApplicantKey]);
        var code = await codes.NextAsync(db, request.AgencyCode, prepared.Day, ct);
        var (dossier, secret) = await BuildAsync(prepared, code, secrets, ct);
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync(ct);
        AddRecords(db, prepared, dossier);
        await db.SaveChangesAsync(ct);
        return (new ReceivedDossier(dossier, secret), prepared.Procedure);
    }

    /// <summary>A digitised paper an applicant could reuse, and the agency of the dossier it came from.</summary>
    internal sealed record AvailablePaper(string ApplicantKey, string PaperKey, Guid Id, DateTimeOffset CreatedAt, string AgencyCode);

    /// <summary>
    /// The digitised papers of some applicants, newest first (the newest id first between papers of one instant), with
    /// the agency of the dossier each came from: to send with other statements in one round trip (<see cref="IntakeBatcher"/>);
    /// its result goes to <see cref="ReadAvailablePapersAsync(NpgsqlDataReader, CancellationToken)"/>.
    /// </summary>
    internal static NpgsqlBatchCommand AvailablePapersCommand(string[] applicantKeys) => new("""
        SELECT d.applicant_key, d.paper_key, d.id, d.created_at, s.agency_code
        FROM digitised_documents d JOIN dossiers s ON s.id = d.source_dossier_id
        WHERE d.applicant_key = ANY($1)
        ORDER BY d.created_at DESC, d.id DESC
        """)
    {
        Parameters = { new() { Value = applicantKeys } },
    };

    /// <summary>The papers an <see cref="AvailablePapersCommand"/> read, by applicant key, newest first.</summary>
    internal static async Task<ILookup<string, AvailablePaper>> ReadAvailablePapersAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var rows = new List<AvailablePaper>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AvailablePaper(reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }
        return rows.ToLookup(r => r.ApplicantKey, StringComparer.Ordinal);
    }

    /// <summary>The digitised papers of the given applicants, by applicant key, newest first, in the context's transaction.</summary>
    private static async Task<ILookup<string, AvailablePaper>> ReadAvailablePapersAsync(DossiersDbContext db, string[] applicantKeys, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(db.Database.NpgsqlConnection()) { BatchCommands = { AvailablePapersCommand(applicantKeys) } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadAvailablePapersAsync(reader, ct);
    }

    /// <summary>
    /// The intake's papers with those the applicant has digitised before reused, never asked for again: the
    /// receiving agency's own at once, another agency's only with the applicant's consent.
    /// </summary>
    /// <param name="applicantPapers">The applicant's digitised papers, newest first (<see cref="ReadAvailablePapersAsync"/>).</param>
    internal static PreparedIntake WithReusedPapers(PreparedIntake prepared, IEnumerable<AvailablePaper> applicantPapers)
    {
        var request = prepared.Request;
        var crossAgency = request.ReuseConsentBasis is not null;
        var available = applicantPapers.Where(d => crossAgency || d.AgencyCode == request.AgencyCode).ToList();
        var digitised = available.GroupBy(d => d.PaperKey).ToDictionary(g => g.Key, g => g.First().Id);
        return prepared with
        {
            Papers = PaperReuse.Apply(request.Papers, prepared.Procedure.RequiredPapers, digitised),
            OtherAgencies = available.Where(d => d.AgencyCode != request.AgencyCode).Select(d => d.Id).ToHashSet(),
        };
    }

    /// <summary>
    /// Everything an intake reads before it writes; no writes, so it needs no transaction. The papers stay null
    /// until <see cref="WithReusedPapers"/> has matched the applicant's digitised ones, read in the transaction:
    /// by the one-by-one path for its intake, by the batch in one query for all of its intakes.
    /// </summary>
    /// <param name="latestCalendar">
    /// Compute with the calendar snapshot last read instead of reading the stored revision now: only for the
    /// batch, which checks the revision once in its transaction and sends an intake computed from an outdated
    /// calendar down the one-by-one path (saving a round trip per intake).
    /// </param>
    private async Task<PreparedIntake> PrepareAsync(IntakeRequest request, Caller caller, bool latestCalendar, CancellationToken ct)
    {
        var procedure = await procedures.GetLatestEntityAsync(db, request.ProcedureCode, ct)
            ?? throw RpcErrors.NotFound("cchc.dossiers.v1.Procedure", request.ProcedureCode);
        var applicantKey = await secrets.ApplicantKeyAsync(request.ApplicantKind, request.IdentityNumber, ct);
        var now = clock.UtcNow();
        var calendar = (latestCalendar ? snapshots.Latest : null) ?? await scheduler.SnapshotAsync(ct);
        var transitions = DossierTransitions.For(new AppointmentCalculator(calendar.Calendar), calendar.PolicyFor(request.AgencyCode), procedure);
        return new PreparedIntake(request, caller, procedure, applicantKey, Papers: null, OtherAgencies: null, now,
            DateOnly.FromDateTime(VietnamTime.ToLocal(now)), transitions, calendar.Revision);
    }

    /// <summary>The new dossier under its code, not yet added to a context (its procedure is set by the caller after saving).</summary>
    internal static async Task<(Dossier Dossier, string Secret)> BuildAsync(PreparedIntake prepared, string code, LookupSecrets secrets, CancellationToken ct)
    {
        var request = prepared.Request;
        var procedure = prepared.Procedure;
        var now = prepared.Now;
        var secret = await secrets.DeriveAsync(code, request.RequestId, ct);
        var online = request.Channel == IntakeChannel.Online;
        var dossier = new Dossier
        {
            Code = code,
            RequestId = request.RequestId,
            RequestFingerprint = request.Fingerprint,
            ProcedureCode = procedure.Code,
            ProcedureVersion = procedure.Version,
            AgencyCode = request.AgencyCode,
            ReceivingUnitCode = request.ReceivingUnitCode,
            CurrentUnitCode = request.ReceivingUnitCode,
            Channel = request.Channel,
            ApplicantKind = request.ApplicantKind,
            ApplicantIdentityNumber = request.IdentityNumber,
            ApplicantName = request.ApplicantName,
            ApplicantPhone = request.Phone,
            ApplicantEmail = request.Email,
            ApplicantAddress = request.Address,
            Papers = prepared.Papers ?? throw new InvalidOperationException("The intake's papers were built before its digitised papers were looked up."),
            PaidOnline = request.PaidOnline ? true : null,
            // An online submission waits for the desk to check it; paper dossiers are checked at the counter.
            Status = online ? DossierStatus.Submitted : DossierStatus.Received,
            Version = 1,
            SubmittedAt = now,
            ReceivedAt = online ? null : now,
            LookupSecretHash = await secrets.HashAsync(code, secret, ct),
            UpdatedAt = now,
        };
        prepared.Transitions.StartClock(dossier, now);
        dossier.RecountPapers();
        return (dossier, secret);
    }

    /// <summary>The audit row, the consent-based accesses and the change-feed event of a saved new dossier, for the caller's next save.</summary>
    internal static void AddRecords(DossiersDbContext db, PreparedIntake prepared, Dossier dossier)
    {
        var records = RecordsOf(prepared, dossier);
        db.AuditEntries.Add(records.Audit);
        db.DocumentAccesses.AddRange(records.Accesses);
        FeedWriter.Add(db, [records.Event]);
    }

    /// <summary>What an intake writes beside its dossier, which must have its id.</summary>
    internal sealed record IntakeRecords(DossierAuditEntry Audit, IReadOnlyList<DocumentAccess> Accesses, DossierEvent Event);

    /// <summary>The audit row, the consent-based accesses and the change-feed event of a new dossier (its id given).</summary>
    internal static IntakeRecords RecordsOf(PreparedIntake prepared, Dossier dossier)
    {
        var request = prepared.Request;
        var now = prepared.Now;
        var otherAgencies = prepared.OtherAgencies ?? throw new InvalidOperationException("The intake's records were built before its digitised papers were looked up.");
        var accesses = prepared.Papers!.Where(p => p.DigitisedDocumentId is { } id && otherAgencies.Contains(id)).Select(p => p.DigitisedDocumentId!.Value).Distinct()
            .Select(reused => new DocumentAccess
            {
                ApplicantKey = prepared.ApplicantKey, Kind = DocumentAccessKind.ReusedWithConsent, DocumentId = reused, DossierCode = dossier.Code,
                AccessedBy = prepared.Caller.Subject, AccessedByAgency = request.AgencyCode, AccessedAt = now, Basis = request.ReuseConsentBasis ?? "",
            })
            .ToList();
        var online = request.Channel == IntakeChannel.Online;
        return new IntakeRecords(
            DossierAuditEntry.Record(dossier, "Intake", prepared.Caller, now, "", before: null),
            accesses,
            ChangeFeedWriter.Event(new PendingEvent(online ? DossierEventTypes.Submitted : DossierEventTypes.Received, dossier.Code, now, DossierEventPayloads.Received(dossier))));
    }
}

/// <summary>
/// What an intake read before its transaction. <see cref="Papers"/> and <see cref="OtherAgencies"/> are null until
/// <see cref="IntakeHandler.WithReusedPapers"/> has matched the applicant's digitised papers.
/// </summary>
public sealed record PreparedIntake(
    IntakeRequest Request,
    Caller Caller,
    Procedure Procedure,
    string ApplicantKey,
    List<DossierPaper>? Papers,
    HashSet<Guid>? OtherAgencies,
    DateTimeOffset Now,
    DateOnly Day,
    DossierTransitions Transitions,
    long CalendarRevision);
