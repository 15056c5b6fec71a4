using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Cchc.Directives.Organization;

/// <summary>The organisation API. The adapter maps; <see cref="OrganizationHandler"/> changes, <see cref="OrganizationReader"/> reads.</summary>
public sealed class OrganizationGrpcService(OrganizationHandler handler, OrganizationReader reader) : OrganizationService.OrganizationServiceBase
{
    // Services resolve unit names (Notifications' messages) and codes.
    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context) =>
        reader.ListUnitsAsync(request, context.CancellationToken);

    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override async Task<GetUnitResponse> GetUnit(GetUnitRequest request, ServerCallContext context) =>
        new() { Unit = await reader.GetUnitAsync(request, context.CancellationToken) };

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<CreateUnitResponse> CreateUnit(CreateUnitRequest request, ServerCallContext context) =>
        new() { Unit = await handler.CreateUnitAsync(request, context.GetCaller(), context.CancellationToken) };

    [Authorize(Roles = Roles.Administrator)]
    public override Task<V1.Official> UpsertOfficial(UpsertOfficialRequest request, ServerCallContext context) =>
        handler.UpsertOfficialAsync(request, context.CancellationToken);

    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override Task<V1.Official> GetOfficial(GetOfficialRequest request, ServerCallContext context) =>
        reader.GetOfficialAsync(request, context.GetCaller(), context.CancellationToken);

    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override Task<ListOfficialsResponse> ListOfficials(ListOfficialsRequest request, ServerCallContext context) =>
        reader.ListOfficialsAsync(request, context.GetCaller(), context.CancellationToken);
}
