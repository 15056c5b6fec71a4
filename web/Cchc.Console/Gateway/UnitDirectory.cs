using System.Collections.Concurrent;
using Cchc.Directives.V1;
using Grpc.Core;

namespace Cchc.Console.Gateway;

/// <summary>The units of an agency (names for codes, the hand-over picker), read once per agency with the asking official's token.</summary>
public sealed class UnitDirectory
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<Unit>> _byAgency = new();

    public async Task<IReadOnlyList<Unit>> OfAgencyAsync(OrganizationService.OrganizationServiceClient client, string agency)
    {
        if (_byAgency.TryGetValue(agency, out var known))
        {
            return known;
        }
        try
        {
            var units = new List<Unit>();
            var root = await client.GetUnitAsync(new GetUnitRequest { Code = agency });
            units.Add(root.Unit);
            var response = await client.ListUnitsAsync(new ListUnitsRequest { ParentCode = agency, IncludeDescendants = true, PageSize = 500 });
            units.AddRange(response.Units.Where(u => u.Active));
            return _byAgency[agency] = units;
        }
        catch (RpcException)
        {
            // Names are a convenience: without them the codes are shown.
            return [];
        }
    }

    private IReadOnlyList<Unit>? _registry;

    /// <summary>Every unit of the registry (other agencies, for inter-agency transfers); read once.</summary>
    public async Task<IReadOnlyList<Unit>> RegistryAsync(OrganizationService.OrganizationServiceClient client)
    {
        if (_registry is { } known)
        {
            return known;
        }
        var units = new List<Unit>();
        var request = new ListUnitsRequest { PageSize = 500 };
        for (var page = 0; page < 20; page++)
        {
            var response = await client.ListUnitsAsync(request);
            units.AddRange(response.Units);
            if (response.NextPageToken.Length == 0)
            {
                break;
            }
            request.PageToken = response.NextPageToken;
        }
        return _registry = units;
    }

    /// <summary>A unit's name anywhere in the registry, once read; else the code.</summary>
    public string RegistryName(string code) =>
        _registry?.FirstOrDefault(u => u.Code == code) is { } unit ? unit.Name : code;

    public string NameOf(string agency, string code) =>
        _byAgency.TryGetValue(agency, out var units) && units.FirstOrDefault(u => u.Code == code) is { } unit ? unit.Name : code;
}
