using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>
/// The one place where exceptions become gRPC statuses. Handlers throw <see cref="RpcException"/>
/// for expected outcomes; anything else is a fault, logged once here and returned as INTERNAL
/// without leaking its details. Before a handler runs, text no RPC accepts (<see cref="RequestText"/>)
/// is refused as INVALID_ARGUMENT on its field.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        RefuseUnacceptableText(request);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        RefuseUnacceptableText(request);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private static void RefuseUnacceptableText<TRequest>(TRequest request)
    {
        if (request is Google.Protobuf.IMessage message && RequestText.FirstUnacceptable(message) is { } refused)
        {
            throw RpcErrors.InvalidArgument(new FieldViolation(refused.Field, refused.Rule));
        }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            case RetryLimitExceededException or NpgsqlException { IsTransient: true } or DbUpdateException { InnerException: NpgsqlException { IsTransient: true } }
                or InvalidOperationException { InnerException: NpgsqlException { IsTransient: true } }:
                logger.LogWarning("The database is unreachable in {Method}: {Error}", context.Method, ex.InnerException?.Message ?? ex.Message);
                return RpcErrors.Unavailable("The database is not reachable right now; retry shortly.", TimeSpan.FromSeconds(2));
            case DbUpdateConcurrencyException:
                return RpcErrors.Aborted("The resource was changed by someone else; read it again and retry.");
            case DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg }:
                return RpcErrors.Aborted($"A concurrent request created the same resource ({pg.ConstraintName}); retry.");
            default:
                logger.LogError(ex, "Unhandled error in {Method}", context.Method);
                return new RpcException(new Status(StatusCode.Internal, "An internal error occurred."));
        }
    }
}
