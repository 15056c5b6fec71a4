using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.Testing;

/// <summary>Calls an RPC with a request body given as bytes, as a client with a broken encoder (or a fuzzer) would.</summary>
public static class RawGrpc
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>The call's status: OK when it succeeded, otherwise what the server answered.</summary>
    public static async Task<RpcException?> UnaryAsync(GrpcChannel channel, string fullMethod, byte[] body, TimeSpan? deadline = null)
    {
        var slash = fullMethod.LastIndexOf('/');
        var method = new Method<byte[], byte[]>(MethodType.Unary, fullMethod[..slash].TrimStart('/'), fullMethod[(slash + 1)..], Bytes, Bytes);
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(10))), body);
            return null;
        }
        catch (RpcException ex)
        {
            return ex;
        }
    }
}
