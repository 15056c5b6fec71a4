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
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
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
    DossierClock clock)
{
    // The two-int advisory-lock key space, first key: "intake by request id".
    private const int RequestIdLockSpace = 1;

    public async Task<ReceivedDossier> ReceiveAsync(IntakeRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
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

            var dossier = await CreateAsync(request, caller, ct);
            await transaction.CommitAsync(ct);
            return dossier;
        }, cancellationToken);

        await publicStatus.PublishAsync(received.Dossier);
        return received;
    }

    private async Task<ReceivedDossier> CreateAsync(IntakeRequest request, Caller caller, CancellationToken ct)
    {
        var procedure = await db.Procedures
            .Where(p => p.Code == request.ProcedureCode)
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(ct)
            ?? throw RpcErrors.NotFound("cchc.dossiers.v1.Procedure", request.ProcedureCode);

        // Papers the applicant has digitised before are reused, never asked for again: the receiving
        // agency's own at once, another agency's only with the applicant's consent.
        var applicantKey = await secrets.ApplicantKeyAsync(request.ApplicantKind, request.IdentityNumber, ct);
        var crossAgency = request.ReuseConsentBasis is not null;
        var available = await db.DigitisedDocuments.AsNoTracking()
            .Where(d => d.ApplicantKey == applicantKey)
            .Join(db.Dossiers, d => d.SourceDossierId, s => s.Id, (d, s) => new { d.PaperKey, d.Id, d.CreatedAt, s.AgencyCode })
            .Where(d => crossAgency || d.AgencyCode == request.AgencyCode)
            .OrderByDescending(d => d.CreatedAt)
            .ToListAsync(ct);
        var digitised = available.GroupBy(d => d.PaperKey).ToDictionary(g => g.Key, g => g.First().Id);
        var papers = PaperReuse.Apply(request.Papers, procedure.RequiredPapers, digitised);
        var otherAgencies = available.Where(d => d.AgencyCode != request.AgencyCode).Select(d => d.Id).ToHashSet();

        var now = clock.UtcNow();
        var code = await codes.NextAsync(db, request.AgencyCode, DateOnly.FromDateTime(VietnamTime.ToLocal(now)), ct);
        var secret = await secrets.DeriveAsync(code, request.RequestId, ct);
        var online = request.Channel == IntakeChannel.Online;
        var dossier = new Dossier
        {
            Code = code,
            RequestId = request.RequestId,
            RequestFingerprint = request.Fingerprint,
            ProcedureCode = procedure.Code,
            ProcedureVersion = procedure.Version,
            Procedure = procedure,
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
            Papers = papers,
            PaidOnline = request.PaidOnline ? true : null,
            // An online submission waits for the desk to check it; paper dossiers are checked at the counter.
            Status = online ? DossierStatus.Submitted : DossierStatus.Received,
            Version = 1,
            SubmittedAt = now,
            ReceivedAt = online ? null : now,
            LookupSecretHash = await secrets.HashAsync(code, secret, ct),
            UpdatedAt = now,
        };
        var transitions = DossierTransitions.For(
            new AppointmentCalculator(await scheduler.CurrentCalendarAsync(ct)),
            await scheduler.PolicyForAsync(request.AgencyCode, ct),
            procedure);
        transitions.StartClock(dossier, now);
        dossier.RecountPapers();

        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(DossierAuditEntry.Record(dossier, "Intake", caller, now, "", before: null));
        foreach (var reused in papers.Where(p => p.DigitisedDocumentId is { } id && otherAgencies.Contains(id)).Select(p => p.DigitisedDocumentId!.Value).Distinct())
        {
            db.DocumentAccesses.Add(new DocumentAccess
            {
                ApplicantKey = applicantKey, Kind = DocumentAccessKind.ReusedWithConsent, DocumentId = reused, DossierCode = code,
                AccessedBy = caller.Subject, AccessedByAgency = request.AgencyCode, AccessedAt = now, Basis = request.ReuseConsentBasis ?? "",
            });
        }
        await db.SaveChangesAsync(ct);
        await ChangeFeedWriter.AppendAsync(db,
        [
            new PendingEvent(online ? DossierEventTypes.Submitted : DossierEventTypes.Received, code, now, DossierEventPayloads.Received(dossier)),
        ], ct);
        return new ReceivedDossier(dossier, secret);
    }
}
