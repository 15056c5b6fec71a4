using Cchc.Contracts;

namespace Cchc.Gateway.Routing;

/// <summary>
/// Refuses, at the edge, the services only other Cchc services may call (<see cref="ContractCatalog.InternalServices"/>):
/// they are not forwarded whatever the credential, so a leaked or forged token cannot reach them from outside.
/// </summary>
public static class InternalRpcs
{
    private const int PermissionDenied = 7;

    public static void UseInternalRpcRefusal(this WebApplication app) => app.Use((context, next) =>
    {
        if (!ContractCatalog.IsInternalPath(context.Request.Path.Value ?? ""))
        {
            return next(context);
        }
        // A trailers-only gRPC answer, which every gRPC client reads as the status.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = context.Request.ContentType?.StartsWith("application/grpc-web", StringComparison.Ordinal) == true
            ? context.Request.ContentType : "application/grpc";
        context.Response.Headers["grpc-status"] = PermissionDenied.ToString();
        context.Response.Headers["grpc-message"] = "This service is internal to Cchc and is not served through the gateway.";
        return Task.CompletedTask;
    });
}
