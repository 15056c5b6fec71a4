using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using DossierStatus = Cchc.Dossiers.Domain.Lifecycle.DossierStatus;

namespace Cchc.Dossiers.PublicLookup;

public sealed class PublicStatusGrpcService(
    DossiersDbContext db, PublicStatusCache cache, LookupThrottle throttle, LookupSecrets secrets) : V1.PublicStatus.PublicStatusBase
{
    private const string ResourceType = "cchc.dossiers.v1.Dossier";

    // Citizens look up their dossier with the receipt in hand, without an account.
    [AllowAnonymous]
    public override async Task<GetPublicStatusResponse> GetPublicStatus(GetPublicStatusRequest request, ServerCallContext context)
    {
        new Validation()
            .RequireText(request.DossierCode, "dossier_code", 100)
            .RequireText(request.LookupSecret, "lookup_secret", 32)
            .ThrowIfInvalid();
        var code = request.DossierCode.Trim();
        var secret = request.LookupSecret.Trim().ToUpperInvariant();

        await throttle.ThrowIfThrottledAsync(code);
        var entry = await cache.GetAsync(code, db, context.CancellationToken);
        // The hash is computed for an unknown code too, so both failures take the same time.
        var matches = await secrets.MatchesAsync(code, secret, entry?.SecretHash ?? new string('0', 64), context.CancellationToken);
        if (entry is null || !matches)
        {
            await throttle.RecordFailureAsync(code);
            throw RpcErrors.NotFound(ResourceType, code);
        }

        var status = (DossierStatus)entry.Status;
        return new GetPublicStatusResponse
        {
            DossierCode = entry.Code,
            Status = (V1.DossierStatus)entry.Status,
            StatusCode = status.NationalCode(),
            StatusName = status.NationalName(),
            ProcedureName = entry.ProcedureName,
            ReceivedAt = entry.ReceivedAt is { } received ? Timestamp.FromDateTimeOffset(received) : null,
            DueAt = Timestamp.FromDateTimeOffset(entry.DueAt),
            DueAtLocal = VietnamTime.ToIso(VietnamTime.ToLocal(entry.DueAt)),
            SupplementRequirements = status == DossierStatus.SupplementRequested ? entry.SupplementRequirements : "",
            UpdateTime = Timestamp.FromDateTimeOffset(entry.UpdatedAt),
        };
    }
}
