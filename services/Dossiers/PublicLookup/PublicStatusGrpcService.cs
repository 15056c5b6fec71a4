using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Ratings;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.SharedKernel.Calendar;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using CriterionRating = Cchc.Dossiers.Ratings.CriterionRating;
using DossierStatus = Cchc.Dossiers.Domain.Lifecycle.DossierStatus;
using RatingCriterion = Cchc.Dossiers.Ratings.RatingCriterion;
using SatisfactionLevel = Cchc.Dossiers.Ratings.SatisfactionLevel;

namespace Cchc.Dossiers.PublicLookup;

public sealed class PublicStatusGrpcService(
    DossiersDbContext db, PublicStatusCache cache, LookupThrottle throttle, LookupSecrets secrets, RatingHandler ratings) : V1.PublicStatus.PublicStatusBase
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

        // The attempt's place in the counters and the cached status, in one round trip to the cache.
        var (attempt, cached) = await throttle.BeginAsync(code, LookupThrottle.NetworkOf(context), c => cache.ReadCached(c, code), context.CancellationToken);
        var entry = await cache.GetAsync(code, db, cached, context.CancellationToken);
        // The hash is computed for an unknown code too, so both failures take the same time.
        var matches = await secrets.MatchesAsync(code, secret, entry?.SecretHash ?? new string('0', 64), context.CancellationToken);
        if (entry is null || !matches)
        {
            await throttle.FailedAsync(attempt);
            throw RpcErrors.NotFound(ResourceType, code);
        }
        await throttle.SucceededAsync(attempt);

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
            Rated = entry.Rated,
        };
    }

    // The applicant rates with the receipt in hand, without an account, like the status look-up.
    [AllowAnonymous]
    public override async Task<RateDossierResponse> RateDossier(RateDossierRequest request, ServerCallContext context)
    {
        var validation = new Validation()
            .RequireText(request.DossierCode, "dossier_code", 100)
            .RequireText(request.LookupSecret, "lookup_secret", 32)
            .Require(request.Overall is V1.SatisfactionLevel.VerySatisfied or V1.SatisfactionLevel.Satisfied or V1.SatisfactionLevel.Dissatisfied,
                "overall", "must be VERY_SATISFIED, SATISFIED or DISSATISFIED")
            .Require(request.Comment.Length <= 2000, "comment", "must be at most 2000 characters")
            .Require(request.Criteria.Select(c => c.Criterion).Distinct().Count() == request.Criteria.Count, "criteria", "must rate each criterion at most once");
        for (var i = 0; i < request.Criteria.Count; i++)
        {
            var criterion = request.Criteria[i];
            validation
                .Require(criterion.Criterion is >= V1.RatingCriterion.Access and <= V1.RatingCriterion.Result, $"criteria[{i}].criterion",
                    "must be ACCESS, PROCEDURE, OFFICIALS or RESULT")
                .Require(criterion.Level is V1.SatisfactionLevel.VerySatisfied or V1.SatisfactionLevel.Satisfied or V1.SatisfactionLevel.Dissatisfied,
                    $"criteria[{i}].level", "must be VERY_SATISFIED, SATISFIED or DISSATISFIED");
        }
        validation.ThrowIfInvalid();

        var rating = await ratings.RateAsync(new RatingInput(
            request.DossierCode.Trim(),
            request.LookupSecret.Trim().ToUpperInvariant(),
            (SatisfactionLevel)request.Overall,
            request.Criteria.Select(c => new CriterionRating { Criterion = (RatingCriterion)c.Criterion, Level = (SatisfactionLevel)c.Level }).ToList(),
            request.Comment.Trim()), context.CancellationToken, LookupThrottle.NetworkOf(context));
        return new RateDossierResponse { Rating = Records.DossierContracts.ToContract(rating) };
    }
}
