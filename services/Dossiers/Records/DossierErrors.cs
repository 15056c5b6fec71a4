using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Dossiers.Records;

/// <summary>The dossier errors <c>RpcErrors</c> has no builder for, as <c>google.rpc.Status</c> too.</summary>
public static class DossierErrors
{
    private const string Domain = "dossiers.cchc";

    public static RpcException PermissionDenied(string reason, string message) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.PermissionDenied,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }) },
        }.ToRpcException();

    public static RpcException ResourceExhausted(string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)Code.ResourceExhausted, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}
