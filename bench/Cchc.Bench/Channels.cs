using System.Net.Http.Headers;
using Cchc.Hosting.Local;
using Grpc.Net.Client;

namespace Cchc.Bench;

public static class Channels
{
    /// <summary>A gRPC channel to the stack's gateway presenting <paramref name="token"/>; null calls anonymously.</summary>
    public static GrpcChannel For(AppHostProcess stack, string? token) => GrpcChannel.ForAddress(stack.GatewayGrpc, new GrpcChannelOptions
    {
        HttpHandler = new Bearer(token) { InnerHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } },
    });

    private sealed class Bearer(string? token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
