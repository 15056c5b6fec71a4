using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Ratings;

/// <summary>A validated rating.</summary>
public sealed record RatingInput(string DossierCode, string LookupSecret, SatisfactionLevel Overall, IReadOnlyList<CriterionRating> Criteria, string Comment);

/// <summary>
/// Records the applicant's rating, who proves to be the applicant with the receipt's code and
/// secret, exactly as for the public status (and counted by the same throttle). The rating, the
/// dossier's rating facts, the audit row and the change event commit together.
/// </summary>
public sealed class RatingHandler(
    DossiersDbContext db, LookupSecrets secrets, LookupThrottle throttle, PublicStatusCache publicStatus, ServiceClock clock)
{
    public const string ResourceType = "cchc.dossiers.v1.DossierRating";

    /// <summary>Who the audit trail names for a rating: the holder of the receipt, whose identity the call does not carry.</summary>
    public static readonly Caller Applicant = new("applicant", "Người nộp hồ sơ (mã tra cứu trên giấy tiếp nhận)", new HashSet<string>(), null, null);

    public async Task<DossierRating> RateAsync(RatingInput input, CancellationToken cancellationToken, string network = "internal")
    {
        var attempt = await throttle.BeginAsync(input.DossierCode, network, cancellationToken);
        var givenBack = false;
        var strategy = db.Database.CreateExecutionStrategy();
        var (dossier, rating) = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM dossiers WHERE code = {input.DossierCode} FOR UPDATE", ct);
            var dossier = await db.Dossiers.Include(d => d.Procedure).FirstOrDefaultAsync(d => d.Code == input.DossierCode, ct);
            // The hash is computed for an unknown code too, so both failures take the same time.
            var matches = await secrets.MatchesAsync(input.DossierCode, input.LookupSecret, dossier?.LookupSecretHash ?? new string('0', 64), ct);
            if (dossier is null || !matches)
            {
                if (!givenBack)
                {
                    await throttle.FailedAsync(attempt);
                    givenBack = true;
                }
                throw RpcErrors.NotFound(DossierLocks.ResourceType, input.DossierCode);
            }
            if (!givenBack)
            {
                // Once, should the strategy run this again.
                await throttle.SucceededAsync(attempt);
                givenBack = true;
            }
            if (dossier.Status != DossierStatus.ResultReturned)
            {
                throw RpcErrors.FailedPrecondition("DOSSIER_STATUS", $"dossiers/{dossier.Code}",
                    $"A dossier is rated once its result is returned; this one is in status {dossier.Status.NationalCode()} ({dossier.Status.NationalName()}).");
            }
            if (dossier.RatedAt is not null)
            {
                throw RpcErrors.AlreadyExists(ResourceType, dossier.Code);
            }

            var now = clock.UtcNow();
            var before = DossierSnapshot.Of(dossier);
            var rating = new DossierRating
            {
                DossierId = dossier.Id,
                RatedAt = now,
                Overall = input.Overall,
                Criteria = [.. input.Criteria],
                Comment = input.Comment,
            };
            dossier.RatedAt = now;
            dossier.RatingOverall = input.Overall;
            dossier.Version++;
            dossier.UpdatedAt = now;
            db.Ratings.Add(rating);
            db.AuditEntries.Add(DossierAuditEntry.Record(dossier, "RateDossier", Applicant, now, "", before));
            await db.SaveChangesAsync(ct);
            await ChangeFeedWriter.AppendAsync(db,
            [
                new PendingEvent(DossierEventTypes.Rated, dossier.Code, now, new
                {
                    agencyCode = dossier.AgencyCode,
                    receivingUnitCode = dossier.ReceivingUnitCode,
                    procedureCode = dossier.ProcedureCode,
                    overall = rating.Overall.ToString(),
                    satisfied = rating.Overall != SatisfactionLevel.Dissatisfied,
                    criteria = rating.Criteria.ToDictionary(c => char.ToLowerInvariant(c.Criterion.ToString()[0]) + c.Criterion.ToString()[1..], c => c.Level.ToString()),
                    hasComment = rating.Comment.Length > 0,
                    ratedAt = rating.RatedAt,
                    onTime = dossier.IsOnTime(now),
                    version = dossier.Version,
                }),
            ], ct);
            await transaction.CommitAsync(ct);
            return (dossier, rating);
        }, cancellationToken);

        await publicStatus.PublishAsync(dossier);
        return rating;
    }
}
