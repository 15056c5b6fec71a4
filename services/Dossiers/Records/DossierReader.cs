using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using System.Globalization;
using DossierStatus = Cchc.Dossiers.Domain.Lifecycle.DossierStatus;

namespace Cchc.Dossiers.Records;

/// <summary>Reads dossiers within the caller's scope.</summary>
public sealed class DossierReader(DossiersDbContext db, Procedures.ProcedureCache procedures, ServiceClock clock)
{
    public async Task<V1.Dossier> GetAsync(string code, Caller caller, CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.AsNoTracking().Include(d => d.Procedure)
            .FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        // The same answer for a dossier out of scope as for no dossier: its existence is not the caller's to learn.
        if (dossier is null || !DossierScope.CanSee(caller, dossier))
        {
            throw RpcErrors.NotFound(TransitionHandler.ResourceType, code);
        }
        return await ViewAsync(dossier, cancellationToken);
    }

    /// <summary>The full view of a dossier already found, e.g. the one an action just changed, even if it left the caller's scope.</summary>
    public async Task<V1.Dossier> ViewAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        var steps = await db.Steps.AsNoTracking()
            .Where(s => s.DossierId == dossier.Id)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var letters = await db.ApologyLetters.AsNoTracking()
            .Where(l => l.DossierId == dossier.Id)
            .OrderBy(l => l.Number)
            .ToListAsync(cancellationToken);
        var transfers = await db.AgencyTransfers.AsNoTracking()
            .Where(t => t.DossierId == dossier.Id)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var rating = await db.Ratings.AsNoTracking().FirstOrDefaultAsync(r => r.DossierId == dossier.Id, cancellationToken);
        return DossierContracts.ToContract(dossier, new DossierHistory(steps, letters, transfers, rating), clock.UtcNow());
    }

    public async Task<ListDossiersResponse> ListAsync(ListDossiersRequest request, Caller caller, CancellationToken cancellationToken)
    {
        new Validation()
            .Require(request.UnitCode.Length <= 64, "unit_code", "must be at most 64 characters")
            .Require(request.Statuses.All(s => Enum.IsDefined((DossierStatus)(int)s)), "statuses", "must be national status codes 1–10")
            .ThrowIfInvalid();
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        long? afterId = null;
        if (after is not null)
        {
            afterId = long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw RpcErrors.InvalidArgument(new FieldViolation("page_token", "is not a token returned by a previous call"));
        }

        // An empty unit means the caller's whole scope, which for an administrator is everything.
        var unit = request.UnitCode.Length > 0 ? request.UnitCode : caller.ScopeUnit;
        if (unit is null ? !caller.IsIn(Roles.Administrator) : !caller.CanAccessUnit(unit))
        {
            throw DossierErrors.PermissionDenied("UNIT_OUT_OF_SCOPE", unit is null
                ? "Your token names no unit, so no dossier is within your scope."
                : $"Unit {unit} is outside your scope ({caller.ScopeUnit ?? "none"}).");
        }

        // Without the procedure: joined, its whole row (fees, papers, steps as JSON) was read and built again for every
        // dossier of the page, most of a page's cost; a procedure version never changes, so its name comes from the cache.
        IQueryable<Dossier> query;
        if (unit is not null)
        {
            // The unit's dossiers as one ordered range of (unit, dossier) (DossierScopeUnit): a page reads its 51 keys
            // and their rows, however many dossiers other units hold and however many sub-units the unit has. The
            // page's start is set on the scope key itself: PostgreSQL carries an equality across a join, not a range.
            var scoped = db.ScopeUnits.Where(s => s.UnitCode == unit);
            if (afterId is { } last)
            {
                scoped = scoped.Where(s => s.DossierId > last);
            }
            query = scoped.Join(db.Dossiers.AsNoTracking(), s => s.DossierId, d => d.Id, (s, d) => d);
        }
        else
        {
            query = db.Dossiers.AsNoTracking();
            if (afterId is { } last)
            {
                query = query.Where(d => d.Id > last);
            }
        }
        if (request.Statuses.Count > 0)
        {
            var statuses = request.Statuses.Select(s => (DossierStatus)(int)s).ToList();
            query = query.Where(d => statuses.Contains(d.Status));
        }
        // Only the columns a summary shows (and the paper count from the JSON in SQL): the whole row, applicant's
        // details, the paper lines parsed from JSON and the rest, was most of a page's cost and never shown.
        var page = await query.OrderBy(d => d.Id).Take(pageSize + 1).Select(d => new DossierSummaryRow(
            d.Id, d.Code, d.Version, d.Status, d.ProcedureCode, d.ProcedureVersion, d.ApplicantName, d.ReceivingUnitCode,
            d.CurrentUnitCode, d.ReceivedAt, d.DueAt, d.LegalDueAt, d.FinishedAt, d.PausedAt, d.SupplementRequestCount,
            d.Papers.Count, d.PapersDigitised, d.PapersReused, d.ResultDocumentId != null, d.PaidOnline, d.RatedAt != null))
            .ToListAsync(cancellationToken);

        var now = clock.UtcNow();
        var response = new ListDossiersResponse();
        foreach (var d in page.Take(pageSize))
        {
            response.Dossiers.Add(DossierContracts.ToSummary(d, await procedures.NameAsync(db, d.ProcedureCode, d.ProcedureVersion, cancellationToken), now));
        }
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Id.ToString(CultureInfo.InvariantCulture));
        }
        return response;
    }
}

/// <summary>What a list shows of one dossier, read as columns (<see cref="DossierContracts.ToSummary"/>).</summary>
public sealed record DossierSummaryRow(
    long Id, string Code, int Version, DossierStatus Status, string ProcedureCode, int ProcedureVersion, string ApplicantName,
    string ReceivingUnitCode, string CurrentUnitCode, DateTimeOffset? ReceivedAt, DateTimeOffset DueAt, DateTimeOffset LegalDueAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? PausedAt, int SupplementRequestCount, int PapersTotal, int PapersDigitised,
    int PapersReused, bool ResultElectronic, bool? PaidOnline, bool Rated);
