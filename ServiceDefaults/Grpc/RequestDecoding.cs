using System.Buffers;
using System.Reflection;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>
/// Binds every gRPC service as Grpc.AspNetCore does, with one difference: a request body that is not
/// a valid message of its type (malformed protobuf, a string that is not UTF-8, nesting deeper than
/// the parser allows) is INVALID_ARGUMENT naming the field where decoding failed, instead of the
/// framework's UNKNOWN. The body is decoded before any interceptor runs, so this is the only place
/// that can say so. A body that decodes costs nothing extra: the inspection runs only on failure.
/// </summary>
internal sealed class DecodingServiceMethodProvider<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } bind)
            {
                var method = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.Static,
                    [typeof(ServiceBinderBase), type])
                    ?? throw new InvalidOperationException($"{bind.BindType}.{bind.BindMethodName} does not bind {type}.");
                method.Invoke(null, [new Binder(context, type), null]);
                return;
            }
        }
    }

    /// <summary>What Grpc.AspNetCore's own binder does (the handler method found by name on the service, its attributes as endpoint metadata), with a decoding request marshaller.</summary>
    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type declaringType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Decoding(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Decoding(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Decoding(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Decoding(method), metadata, invoker);
        }

        private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            var handler = Find(name, parameters) ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new Microsoft.AspNetCore.Routing.HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }

        /// <summary>The override of the generated base's virtual method, as Grpc.AspNetCore finds it (a method hiding it by name is skipped).</summary>
        private MethodInfo? Find(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var candidate = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
                if (candidate is null)
                {
                    return null;
                }
                if (candidate.IsVirtual && candidate.GetBaseDefinition().DeclaringType == declaringType)
                {
                    return candidate;
                }
            }
            return null;
        }
    }

    private static Method<TRequest, TResponse> Decoding<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        var decode = method.RequestMarshaller.ContextualDeserializer;
        var descriptor = RequestDecoding.DescriptorOf(typeof(TRequest));
        var marshaller = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
        {
            try
            {
                return decode(context);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or DecoderFallbackException)
            {
                throw RequestDecoding.Refusal(descriptor, context.PayloadAsReadOnlySequence(), ex);
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }
}

/// <summary>Explains why a request body does not decode: the field path where it stops and what is wrong there.</summary>
public static class RequestDecoding
{
    /// <summary>The depth protobuf's parser allows (<c>CodedInputStream.DefaultRecursionLimit</c>).</summary>
    public const int RecursionLimit = 100;

    internal static MessageDescriptor? DescriptorOf(Type messageType) =>
        messageType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageDescriptor;

    internal static RpcException Refusal(MessageDescriptor? descriptor, ReadOnlySequence<byte> payload, Exception error)
    {
        var (field, problem) = descriptor is null ? ("", "is not a valid protobuf message") : Explain(descriptor, payload.ToArray());
        if (field.Length == 0 && error is DecoderFallbackException)
        {
            problem = "contains a string that is not valid UTF-8";
        }
        var typeName = descriptor?.FullName ?? "request";
        return RpcErrors.InvalidArgument(new FieldViolation(field, $"the request is not a valid {typeName}: {problem}"));
    }

    /// <summary>The path of the field where <paramref name="body"/> stops being a valid <paramref name="descriptor"/>, and why.</summary>
    public static (string Field, string Problem) Explain(MessageDescriptor descriptor, byte[] body)
    {
        try
        {
            return Walk(descriptor, body, "", depth: 0) ?? ("", "is not a valid protobuf message");
        }
        catch (InvalidProtocolBufferException)
        {
            return ("", "is not a valid protobuf encoding");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static (string, string)? Walk(MessageDescriptor descriptor, ReadOnlySpan<byte> body, string prefix, int depth)
    {
        if (depth > RecursionLimit)
        {
            return (prefix, $"nests messages more than {RecursionLimit} levels deep");
        }
        var input = new CodedInputStream(body.ToArray());
        var index = new Dictionary<int, int>();
        while (!input.IsAtEnd)
        {
            uint tag;
            try
            {
                tag = input.ReadTag();
            }
            catch (InvalidProtocolBufferException)
            {
                return (prefix, "has a malformed field tag");
            }
            var number = WireFormat.GetTagFieldNumber(tag);
            var field = descriptor.FindFieldByNumber(number);
            var name = field is null ? $"#{number}" : field.Name;
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (field is { IsRepeated: true, IsMap: false })
            {
                index[number] = index.GetValueOrDefault(number) + 1;
                path += $"[{index[number] - 1}]";
            }
            var wireType = WireFormat.GetTagWireType(tag);
            if (wireType != WireFormat.WireType.LengthDelimited)
            {
                try
                {
                    input.SkipLastField();
                }
                catch (InvalidProtocolBufferException)
                {
                    return (path, "is truncated or malformed");
                }
                continue;
            }
            ByteString bytes;
            try
            {
                bytes = input.ReadBytes();
            }
            catch (InvalidProtocolBufferException)
            {
                return (path, "is longer than the request");
            }
            if (field?.FieldType == FieldType.String)
            {
                try
                {
                    StrictUtf8.GetString(bytes.Span);
                }
                catch (DecoderFallbackException)
                {
                    return (path, "is not valid UTF-8");
                }
            }
            else if (field is { FieldType: FieldType.Message or FieldType.Group })
            {
                if (Walk(field.MessageType, bytes.Span, path, depth + 1) is { } fault)
                {
                    return fault;
                }
            }
        }
        return null;
    }
}
