using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Authorization;
using Xunit;

namespace Cchc.Testing;

/// <summary>The declared access of one RPC: anonymous, or the roles it admits.</summary>
public sealed record RpcAccess(string FullName, MethodType Type, bool Anonymous, IReadOnlyList<string> Roles);

/// <summary>
/// Reads the access every RPC of a gRPC handler declares (<c>[AllowAnonymous]</c> or
/// <c>[Authorize(Roles = …)]</c>) and proves it: anonymous callers are refused with
/// UNAUTHENTICATED, callers in other roles with PERMISSION_DENIED, and admitted roles get past
/// authorization (whatever their empty request then earns).
/// </summary>
public static class AccessMatrix
{
    public static IReadOnlyList<RpcAccess> Declared(Type handlerType, ServiceDescriptor service)
    {
        var result = new List<RpcAccess>();
        foreach (var method in service.Methods)
        {
            var implementation = handlerType.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance);
            Assert.True(implementation is not null && implementation.DeclaringType == handlerType,
                $"{service.FullName}/{method.Name} is not implemented by {handlerType.Name}");
            var anonymous = implementation!.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var roles = implementation.GetCustomAttributes<AuthorizeAttribute>()
                .Concat(handlerType.GetCustomAttributes<AuthorizeAttribute>())
                .SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct().Order().ToList();
            Assert.True(anonymous || roles.Count > 0,
                $"{service.FullName}/{method.Name} declares no access: add [AllowAnonymous] or [Authorize(Roles = …)]");
            var type = (method.IsClientStreaming, method.IsServerStreaming) switch
            {
                (false, false) => MethodType.Unary,
                (false, true) => MethodType.ServerStreaming,
                (true, false) => MethodType.ClientStreaming,
                _ => MethodType.DuplexStreaming,
            };
            result.Add(new RpcAccess($"{service.FullName}/{method.Name}", type, anonymous, roles));
        }
        return result;
    }

    /// <summary>
    /// Calls every RPC of <paramref name="service"/> as an anonymous caller, as a caller of a refused
    /// role and as a caller of each admitted role, through <paramref name="channelFor"/> (a token, or
    /// null for anonymous), and checks each outcome.
    /// </summary>
    public static Task VerifyAsync(Type handlerType, ServiceDescriptor service, Func<string?, GrpcChannel> channelFor, Func<string, string> tokenFor) =>
        VerifyAsync(Declared(handlerType, service), channelFor, tokenFor);

    /// <param name="roles">The roles to try (every role by default); an RPC's admitted roles outside them are not tried.</param>
    public static async Task VerifyAsync(IEnumerable<RpcAccess> rpcs, Func<string?, GrpcChannel> channelFor, Func<string, string> tokenFor,
        IReadOnlyCollection<string>? roles = null)
    {
        var tried = roles ?? Security.All;
        foreach (var rpc in rpcs)
        {
            var anonymous = await StatusOf(channelFor(null), rpc);
            if (rpc.Anonymous)
            {
                Assert.True(anonymous is not StatusCode.Unauthenticated and not StatusCode.PermissionDenied,
                    $"{rpc.FullName} is declared anonymous but refused an anonymous caller with {anonymous}");
                continue;
            }
            Assert.True(anonymous == StatusCode.Unauthenticated, $"{rpc.FullName} answered an anonymous caller with {anonymous}");

            foreach (var role in tried.Except(rpc.Roles))
            {
                var refused = await StatusOf(channelFor(tokenFor(role)), rpc);
                Assert.True(refused == StatusCode.PermissionDenied, $"{rpc.FullName} answered role {role} with {refused}");
            }
            foreach (var role in rpc.Roles.Intersect(tried))
            {
                var admitted = await StatusOf(channelFor(tokenFor(role)), rpc);
                Assert.True(admitted is not StatusCode.Unauthenticated and not StatusCode.PermissionDenied,
                    $"{rpc.FullName} refused admitted role {role} with {admitted}");
            }
        }
    }

    private static class Security
    {
        public static IReadOnlyList<string> All => ServiceDefaults.Security.Roles.All;
    }

    private static async Task<StatusCode> StatusOf(GrpcChannel channel, RpcAccess rpc)
    {
        var separator = rpc.FullName.LastIndexOf('/');
        var method = new Method<byte[], byte[]>(rpc.Type, rpc.FullName[..separator], rpc.FullName[(separator + 1)..],
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var invoker = channel.CreateCallInvoker();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            switch (rpc.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, []);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(3)), []))
                    {
                        await call.ResponseStream.MoveNext();
                    }
                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(3))))
                    {
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseStream.MoveNext();
                    }
                    break;
            }
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            // A refusal is a gRPC answer with a google.rpc.Status, never a bare HTTP 401/403.
            if (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                Assert.True(ex.GetRpcStatus() is { } status && status.Code == (int)ex.StatusCode,
                    $"{rpc.FullName} refused with {ex.StatusCode} but without a google.rpc.Status (\"{ex.Status.Detail}\")");
            }
            // A live stream that simply had nothing to say before the deadline got past authorization.
            return ex.StatusCode;
        }
    }
}
