using Cchc.ServiceDefaults.Grpc;
using Google.Rpc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Cchc.ServiceDefaults.Security;

/// <summary>
/// A gRPC caller refused by authorization gets a gRPC answer — <c>UNAUTHENTICATED</c> without a valid
/// credential, <c>PERMISSION_DENIED</c> for a role the RPC does not admit — with a <c>google.rpc.Status</c>,
/// instead of a bare HTTP 401/403 that gRPC clients can only report as "Received HTTP status code 401".
/// REST callers keep 401/403 with problem details.
/// </summary>
public sealed class GrpcAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    public const string Unauthenticated = "A valid bearer token or API key is required.";
    public const string PermissionDenied = "The caller is not allowed to make this call.";
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if ((authorizeResult.Challenged || authorizeResult.Forbidden) && GrpcRefusal.IsGrpc(context.Request))
        {
            if (authorizeResult.Challenged)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                GrpcRefusal.Write(context, Code.Unauthenticated, Unauthenticated);
            }
            else
            {
                GrpcRefusal.Write(context, Code.PermissionDenied, PermissionDenied);
            }
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
