using System.Collections.Concurrent;
using System.Globalization;
using Cchc.Directives.V1;
using Cchc.Indexes.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Cchc.Console.Gateway;

/// <summary>
/// The province whose index results leadership follows: <see cref="ConsoleSettings.IndexSubject"/> when set, else
/// what the services say — the subject valid today (Indexes) that the agency or its nearest parent (the
/// organisation registry) answers for. Read once per agency and day with the asking official's token.
/// </summary>
public sealed class IndexSubjects(IOptions<ConsoleSettings> settings)
{
    private readonly ConcurrentDictionary<(string Agency, DateOnly Day), Subject?> _known = new();

    public async Task<Subject?> ForAgencyAsync(
        IndexResultService.IndexResultServiceClient results, OrganizationService.OrganizationServiceClient organization, string agency, DateOnly today)
    {
        if (_known.TryGetValue((agency, today), out var known))
        {
            return known;
        }
        var configured = settings.Value.IndexSubject;
        var subjects = (await results.ListSubjectsAsync(new ListSubjectsRequest
        {
            ValidOn = configured.Length > 0 ? "" : today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).Subjects;
        var subject = configured.Length > 0
            ? subjects.FirstOrDefault(s => s.Code == configured) ?? new Subject { Code = configured, Name = configured }
            : Pick(subjects, await LineageAsync(organization, agency));
        return _known[(agency, today)] = subject;
    }

    /// <summary>The subject the nearest of <paramref name="lineage"/> (the agency first, then its parents) answers for.</summary>
    public static Subject? Pick(IEnumerable<Subject> subjects, IReadOnlyList<string> lineage)
    {
        var byAgency = subjects.Where(s => s.AgencyCode.Length > 0).ToLookup(s => s.AgencyCode, StringComparer.Ordinal);
        return lineage.Select(code => byAgency[code].OrderBy(s => s.Code, StringComparer.Ordinal).FirstOrDefault()).FirstOrDefault(s => s is not null);
    }

    /// <summary>The agency and its parents, nearest first, as far as the registry shows them.</summary>
    private static async Task<IReadOnlyList<string>> LineageAsync(OrganizationService.OrganizationServiceClient organization, string agency)
    {
        var lineage = new List<string>();
        for (var code = agency; code.Length > 0 && !lineage.Contains(code) && lineage.Count < 10;)
        {
            lineage.Add(code);
            try
            {
                code = (await organization.GetUnitAsync(new GetUnitRequest { Code = code })).Unit.ParentCode;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
            {
                break;
            }
        }
        return lineage;
    }
}
