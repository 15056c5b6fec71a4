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
    public static RpcException InvalidArgument(params FieldViolation[] violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var message = violations.Length == 1
            ? $"{violations[0].Field}: {violations[0].Description}"
            : $"{violations.Length} invalid fields: {string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"))}";
        return Build(Code.InvalidArgument, message, badRequest);
    }

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
