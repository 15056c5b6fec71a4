using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>A violation of one request field: <c>field</c> is the proto path, e.g. <c>unit.parent_code</c>.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>
/// Errors as <c>google.rpc.Status</c>: the gRPC status, a message, and machine-readable details
/// (field violations, the missing resource, the failed precondition) in the status-details trailer.
/// </summary>
public static class RpcErrors
{
    /// <summary>At most this many violations travel in one error, so its trailer stays far below the 64 KiB limit of proxies.</summary>
    public const int MaxViolations = 50;
    private const int MaxText = 300;

    public static RpcException InvalidArgument(params FieldViolation[] violations)
    {
        var shown = violations.Take(MaxViolations).Select(v => new FieldViolation(Cut(v.Field), Cut(v.Description))).ToList();
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(shown.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var message = violations.Length == 1
            ? $"{shown[0].Field}: {shown[0].Description}"
            : $"{violations.Length} invalid fields: {string.Join("; ", shown.Take(5).Select(v => $"{v.Field}: {v.Description}"))}"
              + (violations.Length > 5 ? $"; and {violations.Length - 5} more" : "");
        return Build(Code.InvalidArgument, message, badRequest);
    }

    private static string Cut(string text) => text.Length <= MaxText ? text : text[..MaxText] + "…";

    public static RpcException NotFound(string resourceType, string resourceName) =>
        Build(Code.NotFound, $"{resourceType} '{resourceName}' was not found.",
            new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName });

    public static RpcException AlreadyExists(string resourceType, string resourceName) =>
        Build(Code.AlreadyExists, $"{resourceType} '{resourceName}' already exists.",
            new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName });

    public static RpcException FailedPrecondition(string type, string subject, string description) =>
        Build(Code.FailedPrecondition, description, new PreconditionFailure
        {
            Violations = { new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = description } },
        });

    public static RpcException Aborted(string message) => Build(Code.Aborted, message);

    /// <summary>A dependency is down for now: the caller may retry after <paramref name="retryAfter"/>.</summary>
    public static RpcException Unavailable(string message, TimeSpan retryAfter) =>
        Build(Code.Unavailable, message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) });

    private static RpcException Build(Code code, string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}
