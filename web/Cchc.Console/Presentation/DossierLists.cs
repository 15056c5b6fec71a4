using Cchc.Dossiers.V1;

namespace Cchc.Console.Presentation;

/// <summary>Lists the console sorts itself (by appointment) are read whole: every page the service gives, not only the first.</summary>
public static class DossierLists
{
    /// <summary>At most this many pages of 500 (20 000 dossiers), far more than a unit or a desk holds open at once.</summary>
    public const int MaxPages = 40;

    public static async Task<List<DossierSummary>> ListAllAsync(this DossierService.DossierServiceClient dossiers, ListDossiersRequest request)
    {
        var all = new List<DossierSummary>();
        var page = request.Clone();
        page.PageSize = 500;
        for (var i = 0; i < MaxPages; i++)
        {
            var response = await dossiers.ListDossiersAsync(page);
            all.AddRange(response.Dossiers);
            if (response.NextPageToken.Length == 0)
            {
                break;
            }
            page.PageToken = response.NextPageToken;
        }
        return all;
    }
}
