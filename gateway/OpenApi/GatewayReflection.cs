using Grpc.Core;
using Grpc.Reflection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Cchc.Gateway.OpenApi;

/// <summary>
/// Server reflection v1 at the gateway, over the same descriptors as v1alpha: grpcurl and most
/// tools ask v1 first. The two protocols' messages are the same on the wire, so each v1 request is
/// read as a v1alpha one and each answer written back as v1.
/// </summary>
public sealed class GatewayReflectionV1(ReflectionServiceImpl inner) : V1.ServerReflection.ServerReflectionBase
{
    public override Task ServerReflectionInfo(IAsyncStreamReader<V1.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1.ServerReflectionResponse> responseStream, ServerCallContext context) =>
        inner.ServerReflectionInfo(new Requests(requestStream), new Responses(responseStream), context);

    private sealed class Requests(IAsyncStreamReader<V1.ServerReflectionRequest> v1) : IAsyncStreamReader<V1Alpha.ServerReflectionRequest>
    {
        public V1Alpha.ServerReflectionRequest Current { get; private set; } = new();

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await v1.MoveNext(cancellationToken))
            {
                return false;
            }
            Current = V1Alpha.ServerReflectionRequest.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteString(v1.Current));
            return true;
        }
    }

    private sealed class Responses(IServerStreamWriter<V1.ServerReflectionResponse> v1) : IServerStreamWriter<V1Alpha.ServerReflectionResponse>
    {
        public WriteOptions? WriteOptions { get => v1.WriteOptions; set => v1.WriteOptions = value; }

        public Task WriteAsync(V1Alpha.ServerReflectionResponse message) =>
            v1.WriteAsync(V1.ServerReflectionResponse.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteString(message)));
    }
}
