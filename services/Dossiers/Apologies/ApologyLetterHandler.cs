using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Dossiers.Apologies;

/// <summary>A validated request for an apology letter.</summary>
public sealed record ApologyRequest(
    string DossierCode, string Etag, string Reason, DateOnly NewAppointmentDate, string AgencyName, string SignerName, string SignerTitle);

/// <summary>
/// Issues an apology-and-new-appointment letter for a dossier that will be late: the letter, the
/// moved appointment, the audit row and the change event commit together, on the dossier as the
/// caller last read it.
/// </summary>
public sealed class ApologyLetterHandler(
    DossiersDbContext db,
    AppointmentScheduler scheduler,
    PublicStatusCache publicStatus,
    ServiceClock clock,
    IOptions<ApologyLetterOptions> options)
{
    /// <summary>Statuses in which the agency is still working on the dossier, so a delay is the agency's.</summary>
    public static readonly IReadOnlySet<DossierStatus> OpenStatuses =
        new HashSet<DossierStatus> { DossierStatus.Received, DossierStatus.InProgress, DossierStatus.AwaitingPayment };

    public async Task<(Dossier Dossier, ApologyLetter Letter)> IssueAsync(ApologyRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var rules = options.Value;
        var strategy = db.Database.CreateExecutionStrategy();
        var issued = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var dossier = await DossierLocks.LockAsync(db, request.DossierCode, caller, ct);
            DossierLocks.RequireEtag(dossier, request.Etag);
            var subject = $"dossiers/{dossier.Code}";
            if (!OpenStatuses.Contains(dossier.Status))
            {
                throw RpcErrors.FailedPrecondition("DOSSIER_STATUS", subject,
                    $"An apology letter is for a dossier the agency is processing (status 2, 4 or 6); this one is in status " +
                    $"{dossier.Status.NationalCode()} ({dossier.Status.NationalName()}).");
            }
            var previousLetters = await db.ApologyLetters.CountAsync(l => l.DossierId == dossier.Id, ct);
            if (previousLetters >= rules.MaxPerDossier)
            {
                throw RpcErrors.FailedPrecondition("APOLOGY_LETTER_LIMIT", subject,
                    $"Dossier {dossier.Code} already has {previousLetters} apology letter(s); at most {rules.MaxPerDossier} per dossier (Dossiers:ApologyLetters:MaxPerDossier).");
            }

            var now = clock.UtcNow();
            var snapshot = await scheduler.SnapshotAsync(ct);
            var legalCalendar = snapshot.Calendar;
            var calendar = legalCalendar.Days;
            var policy = snapshot.PolicyFor(dossier.AgencyCode);
            var dueLocal = VietnamTime.ToLocal(dossier.DueAt);
            var latest = ApologyDeadline.LatestIssue(dueLocal, rules.IssueByWorkingDaysBeforeAppointment, calendar, policy.Hours);
            if (VietnamTime.ToLocal(now) > latest && !rules.AllowAfterDeadline)
            {
                throw RpcErrors.FailedPrecondition("APOLOGY_LETTER_TOO_LATE", subject,
                    $"An apology letter for an appointment at {ApologySlip.Instant(dueLocal)} had to be issued by {ApologySlip.Instant(latest)} " +
                    $"({rules.IssueByWorkingDaysBeforeAppointment} working day(s) before; Dossiers:ApologyLetters).");
            }
            new Validation()
                .Require(calendar.IsWorkingDay(request.NewAppointmentDate), "new_appointment_date", "must be a working day")
                .Require(request.NewAppointmentDate > DateOnly.FromDateTime(dueLocal), "new_appointment_date",
                    $"must be after the current appointment, {ApologySlip.Date(dueLocal)}")
                .ThrowIfInvalid();

            var before = DossierSnapshot.Of(dossier);
            var previousDue = dossier.DueAt;
            var newDueLocal = request.NewAppointmentDate.ToDateTime(policy.Hours.AfternoonEnd);
            dossier.DueAt = VietnamTime.FromLocal(newDueLocal).ToUniversalTime();
            dossier.CalendarProvisional |= legalCalendar.IsProvisional(DateOnly.FromDateTime(VietnamTime.ToLocal(now)), request.NewAppointmentDate);
            dossier.Version++;
            dossier.UpdatedAt = now;

            var letter = new ApologyLetter
            {
                DossierId = dossier.Id,
                Number = previousLetters + 1,
                IssuedAt = now,
                IssuedBy = caller.Subject,
                IssuedByName = caller.Name,
                Reason = request.Reason,
                PreviousDueAt = previousDue,
                NewDueAt = dossier.DueAt,
                AgencyName = request.AgencyName,
                SignerName = request.SignerName,
                SignerTitle = request.SignerTitle,
                Title = rules.Title,
                Text = ApologySlip.Render(new ApologySlipFacts(
                    rules.Title, request.AgencyName, dossier.ApplicantKind, dossier.ApplicantName, dossier.ApplicantAddress, dossier.ApplicantPhone,
                    dossier.ProcedureCode, dossier.Procedure.Name, dossier.Code, VietnamTime.ToLocal(dossier.ReceivedAt ?? dossier.SubmittedAt),
                    dueLocal, newDueLocal, request.Reason, VietnamTime.ToLocal(now), request.SignerTitle, request.SignerName)),
            };
            db.ApologyLetters.Add(letter);
            db.AuditEntries.Add(DossierAuditEntry.Record(dossier, "IssueApologyLetter", caller, now, request.Reason, before));
            await db.SaveChangesAsync(ct);
            await ChangeFeedWriter.AppendAsync(db,
            [
                new PendingEvent(DossierEventTypes.ApologyIssued, dossier.Code, now, new
                {
                    letterNumber = letter.Number,
                    agencyCode = dossier.AgencyCode,
                    currentUnitCode = dossier.CurrentUnitCode,
                    reason = letter.Reason,
                    previousDueAt = letter.PreviousDueAt,
                    dueAt = letter.NewDueAt,
                    legalDueAt = dossier.LegalDueAt,
                    signerTitle = letter.SignerTitle,
                    applicantHasEmail = DossierEventPayloads.ApplicantHasEmail(dossier),
                    applicantHasPhone = DossierEventPayloads.ApplicantHasPhone(dossier),
                    version = dossier.Version,
                }),
            ], ct);
            await transaction.CommitAsync(ct);
            return (Dossier: dossier, Letter: letter);
        }, cancellationToken);

        await publicStatus.PublishAsync(issued.Dossier);
        return issued;
    }
}
