using Cchc.Contracts;
using Cchc.ServiceDefaults.Grpc;

namespace Cchc.Gateway.Routing;

/// <summary>
/// Refuses, at the edge, the services only other Cchc services may call (<see cref="ContractCatalog.InternalServices"/>):
/// they are not forwarded whatever the credential, so a leaked or forged token cannot reach them from outside.
/// </summary>
public static class InternalRpcs
{
    public static void UseInternalRpcRefusal(this WebApplication app) => app.Use((context, next) =>
    {
        if (!ContractCatalog.IsInternalPath(context.Request.Path.Value ?? ""))
        {
            return next(context);
        }
        GrpcRefusal.Write(context, Google.Rpc.Code.PermissionDenied, "This service is internal to Cchc and is not served through the gateway.");
        return Task.CompletedTask;
    });
}
