using System.Collections.Concurrent;
using Cchc.Directives.V1;
using Grpc.Core;

namespace Cchc.Notifications.Messages;

/// <summary>
/// Unit names from the organisation registry (Directives), for what people read: "Phòng Quản lý
/// Công nghệ và Chuyên ngành" rather than a code. Remembered once found; without a registry in the
/// stack, or for a code it does not know, the code is all there is to say.
/// </summary>
public sealed class UnitNames(OrganizationService.OrganizationServiceClient organization, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, string> _names = new();

    public async Task<string> NameAsync(string code, CancellationToken cancellationToken)
    {
        if (code.Length == 0)
        {
            return code;
        }
        if (_names.TryGetValue(code, out var known))
        {
            return known;
        }
        if (string.IsNullOrEmpty(configuration[$"services:{ServiceDefaults.Resources.Directives}:{ServiceDefaults.Resources.GrpcEndpoint}:0"]))
        {
            return code;
        }
        try
        {
            var unit = (await organization.GetUnitAsync(new GetUnitRequest { Code = code }, cancellationToken: cancellationToken)).Unit;
            return _names[code] = unit.Name;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return code;
        }
    }
}
