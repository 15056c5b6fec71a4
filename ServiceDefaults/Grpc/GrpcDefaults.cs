using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cchc.ServiceDefaults.Grpc;

public static class GrpcDefaults
{
    /// <summary>
    /// gRPC with the house conventions: one error mapping for every call, REST/JSON from the
    /// <c>google.api.http</c> annotations, server reflection and the <c>grpc.health.v1</c> service.
    /// </summary>
    public static TBuilder AddGrpcDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services
            .AddGrpc(o =>
            {
                o.Interceptors.Add<ErrorMappingInterceptor>();
                // Exception text never reaches a caller, Development included: faults are logged here instead.
                o.EnableDetailedErrors = false;
            })
            .AddJsonTranscoding(o =>
                // REST callers get the same google.rpc.Status details as gRPC callers; the transcoder
                // can only write the detail types it knows.
                o.TypeRegistry = TypeRegistry.FromMessages(
                    BadRequest.Descriptor, ResourceInfo.Descriptor, PreconditionFailure.Descriptor,
                    ErrorInfo.Descriptor, QuotaFailure.Descriptor, RetryInfo.Descriptor, Help.Descriptor));
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }
}
