using Google.Protobuf;
using Code = Google.Rpc.Code;
using Microsoft.AspNetCore.Http;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>
/// Answers a gRPC call that middleware refuses before it reaches its handler (authentication,
/// authorization, API-key scopes, the gateway's edge) the way a handler would: a trailers-only
/// response with <c>grpc-status</c>, <c>grpc-message</c> and a <c>google.rpc.Status</c> in
/// <c>grpc-status-details-bin</c>, so every gRPC client reads the code and its details.
/// </summary>
public static class GrpcRefusal
{
    public static bool IsGrpc(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    public static void Write(HttpContext context, Code code, string message)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = context.Request.ContentType?.StartsWith("application/grpc-web", StringComparison.Ordinal) == true
            ? context.Request.ContentType : "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
    }
}
