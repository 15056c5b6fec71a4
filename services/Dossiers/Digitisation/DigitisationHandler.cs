using System.Security.Cryptography;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Digitisation;

/// <summary>A file as a caller sends it.</summary>
public sealed record DigitisedFile(string FileName, string MediaType, byte[] Content);

/// <summary>What attaching a file did: the document, and whether the applicant already had that very file.</summary>
public sealed record Attached(Dossier Dossier, DigitisedDocument Document, bool ExistingFile);

/// <summary>
/// Attaches digitised papers and results to dossiers. The file, the dossier's link to it, the audit
/// row and the change event commit together, on the dossier as the caller last read it.
/// </summary>
public sealed class DigitisationHandler(DossiersDbContext db, LookupSecrets secrets, PublicStatusCache publicStatus, ServiceClock clock)
{
    // The two-int advisory-lock key space, first key: "store one applicant's file".
    private const int FileLockSpace = 2;
    public const string DefaultResultName = "Kết quả giải quyết thủ tục hành chính";

    /// <summary>Statuses in which the result can still be attached: the agency holds the dossier.</summary>
    public static readonly IReadOnlySet<DossierStatus> ResultStatuses =
        new HashSet<DossierStatus> { DossierStatus.InProgress, DossierStatus.AwaitingPayment, DossierStatus.ResultReady };

    public Task<Attached> AttachPaperAsync(string code, string etag, int paperIndex, DigitisedFile file, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(code, etag, caller, cancellationToken, async (dossier, now, ct) =>
        {
            if (DossierStateMachine.IsTerminal(dossier.Status))
            {
                throw RpcErrors.FailedPrecondition("DOSSIER_STATUS", $"dossiers/{dossier.Code}",
                    $"Dossier {dossier.Code} is closed (status {dossier.Status.NationalCode()}, {dossier.Status.NationalName()}).");
            }
            new Validation()
                .Require(paperIndex < dossier.Papers.Count, "paper_index", $"must be the index of one of the dossier's {dossier.Papers.Count} papers")
                .ThrowIfInvalid();
            var paper = dossier.Papers[paperIndex];
            var (document, existing) = await StoreAsync(dossier, DigitisedDocumentKind.Paper, paper.Code, paper.Name, file, caller, now, ct);
            paper.DigitisedDocumentId = document.Id;
            // A copy digitised for an earlier dossier of the applicant is that data reused.
            paper.Reused = document.SourceDossierId != dossier.Id;
            dossier.RecountPapers();
            var reason = $"papers[{paperIndex}] \"{paper.Name}\": {file.FileName}, SHA-256 {document.Sha256}";
            return (document, existing, "AttachDigitisedPaper", reason, new PendingEvent(DossierEventTypes.PaperDigitised, dossier.Code, now, new
            {
                agencyCode = dossier.AgencyCode,
                paperIndex,
                sha256 = document.Sha256,
                sizeBytes = document.SizeBytes,
                mediaType = document.MediaType,
                existingFile = existing,
                reused = paper.Reused,
                papersTotal = dossier.Papers.Count,
                papersDigitised = dossier.PapersDigitised,
                papersReused = dossier.PapersReused,
                version = dossier.Version,
            }));
        });

    public Task<Attached> AttachResultAsync(string code, string etag, string name, DigitisedFile file, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(code, etag, caller, cancellationToken, async (dossier, now, ct) =>
        {
            if (!ResultStatuses.Contains(dossier.Status))
            {
                throw RpcErrors.FailedPrecondition("DOSSIER_STATUS", $"dossiers/{dossier.Code}",
                    $"A result is attached while the agency holds the dossier (status 4, 6 or 9); this one is in status " +
                    $"{dossier.Status.NationalCode()} ({dossier.Status.NationalName()}).");
            }
            var resultName = name.Length > 0 ? name : dossier.Procedure.ResultName.Length > 0 ? dossier.Procedure.ResultName : DefaultResultName;
            var (document, existing) = await StoreAsync(dossier, DigitisedDocumentKind.Result, "", resultName, file, caller, now, ct);
            var replaced = dossier.ResultDocumentId is not null;
            dossier.ResultDocumentId = document.Id;
            var reason = $"result \"{resultName}\": {file.FileName}, SHA-256 {document.Sha256}";
            return (document, existing, "AttachDigitisedResult", reason, new PendingEvent(DossierEventTypes.ResultDigitised, dossier.Code, now, new
            {
                agencyCode = dossier.AgencyCode,
                sha256 = document.Sha256,
                sizeBytes = document.SizeBytes,
                mediaType = document.MediaType,
                existingFile = existing,
                replaced,
                resultElectronic = dossier.ResultElectronic,
                version = dossier.Version,
            }));
        });

    private delegate Task<(DigitisedDocument Document, bool Existing, string Action, string Reason, PendingEvent Event)> Change(
        Dossier dossier, DateTimeOffset now, CancellationToken cancellationToken);

    private async Task<Attached> ChangeAsync(string code, string etag, Caller caller, CancellationToken cancellationToken, Change change)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var attached = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var dossier = await DossierLocks.LockAsync(db, code, caller, ct);
            DossierLocks.RequireEtag(dossier, etag);
            var now = clock.UtcNow();
            var before = DossierSnapshot.Of(dossier);
            dossier.Version++;
            dossier.UpdatedAt = now;
            var (document, existing, action, reason, pending) = await change(dossier, now, ct);
            db.AuditEntries.Add(DossierAuditEntry.Record(dossier, action, caller, now, reason, before));
            await db.SaveChangesAsync(ct);
            await ChangeFeedWriter.AppendAsync(db, [pending], ct);
            await transaction.CommitAsync(ct);
            return new Attached(dossier, document, existing);
        }, cancellationToken);

        await publicStatus.PublishAsync(attached.Dossier);
        return attached;
    }

    /// <summary>Stores the file once per applicant: the same file (same SHA-256) again is the copy already stored.</summary>
    private async Task<(DigitisedDocument Document, bool Existing)> StoreAsync(
        Dossier dossier, DigitisedDocumentKind kind, string paperCode, string name, DigitisedFile file, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        var applicant = await secrets.ApplicantKeyAsync(dossier.ApplicantKind, dossier.ApplicantIdentityNumber, ct);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content));
        // Two dossiers of one applicant attaching the same file at once queue here, and the second finds the first's copy.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({FileLockSpace}, hashtext({applicant + sha256}))", ct);
        var existing = await db.DigitisedDocuments.FirstOrDefaultAsync(d => d.ApplicantKey == applicant && d.Sha256 == sha256, ct);
        if (existing is not null)
        {
            return (existing, true);
        }
        var document = new DigitisedDocument
        {
            Id = Guid.CreateVersion7(),
            ApplicantKey = applicant,
            Kind = kind,
            PaperKey = PaperKeys.Of(paperCode, name),
            PaperCode = paperCode,
            Name = name,
            FileName = file.FileName,
            MediaType = file.MediaType,
            Sha256 = sha256,
            SizeBytes = file.Content.LongLength,
            CreatedAt = now,
            CreatedBy = caller.Subject,
            SourceDossierId = dossier.Id,
            SourceDossierCode = dossier.Code,
        };
        db.DigitisedDocuments.Add(document);
        db.DigitisedContents.Add(new DigitisedContent { DocumentId = document.Id, Content = file.Content });
        return (document, false);
    }
}
