using Cchc.Dossiers.Data;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Records;

/// <summary>How every change to a dossier starts, inside its transaction.</summary>
public static class DossierLocks
{
    public const string ResourceType = "cchc.dossiers.v1.Dossier";

    /// <summary>
    /// Locks the dossier's row until commit (concurrent changes to one dossier queue here, and the
    /// second then sees the first's version) and loads it with its procedure version. A dossier the
    /// caller may not see is NOT_FOUND, word for word as an unknown code.
    /// </summary>
    public static async Task<Dossier> LockAsync(DossiersDbContext db, string code, Caller caller, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM dossiers WHERE code = {code} FOR UPDATE", cancellationToken);
        var dossier = await db.Dossiers.Include(d => d.Procedure).FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        if (dossier is null || !DossierScope.CanSee(caller, dossier))
        {
            throw RpcErrors.NotFound(ResourceType, code);
        }
        return dossier;
    }

    /// <summary>AIP-154: a change made on a stale read is ABORTED and changes nothing.</summary>
    public static void RequireEtag(Dossier dossier, string etag)
    {
        if (etag != dossier.Etag)
        {
            throw RpcErrors.Aborted(
                $"Dossier {dossier.Code} has changed since it was read (etag {etag}, now {dossier.Etag}); read it again and decide on its current state.");
        }
    }
}
