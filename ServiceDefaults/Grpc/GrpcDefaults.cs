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
        UseDecodingBinder(builder.Services);
        return builder;
    }

    /// <summary>
    /// Replaces Grpc.AspNetCore's binder with <see cref="DecodingServiceMethodProvider{TService}"/>, so that a
    /// request that does not decode is INVALID_ARGUMENT. Called after every <c>AddGrpc</c>, which would add it back.
    /// </summary>
    private static void UseDecodingBinder(IServiceCollection services)
    {
        var provider = typeof(global::Grpc.AspNetCore.Server.Model.IServiceMethodProvider<>);
        var framework = services.Where(d => d.ServiceType == provider && d.ImplementationType?.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal) == true).ToList();
        if (framework.Count != 1)
        {
            throw new InvalidOperationException("Grpc.AspNetCore's service binder was not found: check DecodingServiceMethodProvider against this version.");
        }
        services.Remove(framework[0]);
        services.AddSingleton(provider, typeof(DecodingServiceMethodProvider<>));
    }
}
