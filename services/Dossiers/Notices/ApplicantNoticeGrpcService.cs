using System.Globalization;
using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Calendar;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Notices;

/// <summary>
/// The applicant's contact and the dossier's facts, for the Notifications service to write to the
/// applicant. Only services may read it; nothing here is cached or sent on the change feed.
/// </summary>
public sealed class ApplicantNoticeGrpcService(DossiersDbContext db, LookupSecrets secrets) : ApplicantNotices.ApplicantNoticesBase
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Name, phone, e-mail and lookup secret: for Notifications alone, which writes to the applicant.
    [Authorize(Roles = Roles.Service, Policy = ServicePolicies.Notifications)]
    public override async Task<ApplicantNotice> GetApplicantNotice(GetApplicantNoticeRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.DossierCode, "dossier_code", 100).ThrowIfInvalid();
        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.Procedure)
                .FirstOrDefaultAsync(d => d.Code == request.DossierCode, context.CancellationToken)
            ?? throw RpcErrors.NotFound(TransitionHandler.ResourceType, request.DossierCode);
        var apology = await db.ApologyLetters.AsNoTracking().Where(a => a.DossierId == dossier.Id)
            .OrderByDescending(a => a.Number).FirstOrDefaultAsync(context.CancellationToken);
        var receivedAt = VietnamTime.ToLocal(dossier.ReceivedAt ?? dossier.SubmittedAt);
        var dueAt = VietnamTime.ToLocal(dossier.DueAt);
        return new ApplicantNotice
        {
            DossierCode = dossier.Code,
            ApplicantName = dossier.ApplicantName,
            Phone = dossier.ApplicantPhone,
            Email = dossier.ApplicantEmail,
            ProcedureCode = dossier.ProcedureCode,
            ProcedureName = dossier.Procedure.Name,
            AgencyCode = dossier.AgencyCode,
            LookupSecret = await secrets.DeriveAsync(dossier.Code, dossier.RequestId, context.CancellationToken),
            ReceivedAtLocal = receivedAt.ToString("HH 'giờ' mm 'phút, ngày' dd/MM/yyyy", Invariant),
            ReceivedDateLocal = receivedAt.ToString("dd/MM/yyyy", Invariant),
            AppointmentDateLocal = dueAt.ToString("dd/MM/yyyy", Invariant),
            Status = dossier.Status.NationalCode(),
            StatusName = dossier.Status.NationalName(),
            LatestApology = apology is null ? null : new ApologyNotice
            {
                Number = apology.Number,
                Reason = apology.Reason,
                PreviousAppointmentDateLocal = VietnamTime.ToLocal(apology.PreviousDueAt).ToString("dd/MM/yyyy", Invariant),
                NewAppointmentDateLocal = VietnamTime.ToLocal(apology.NewDueAt).ToString("dd/MM/yyyy", Invariant),
                SignerName = apology.SignerName,
                SignerTitle = apology.SignerTitle,
                Text = apology.Text,
            },
        };
    }
}
