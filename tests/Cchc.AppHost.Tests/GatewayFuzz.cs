using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Cchc.Contracts;
using Cchc.Testing;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.AppHost.Tests;

/// <summary>
/// A seeded, bounded fuzz of every public RPC through the gateway, over gRPC (random bytes, random
/// messages with hostile text, broken encodings, deep nesting) and over REST (hostile path segments
/// and query values, broken and deep JSON, odd charsets, an oversized body). An answer may refuse,
/// never fail: no UNKNOWN, INTERNAL, DATA_LOSS or UNAVAILABLE, no HTTP 5xx, no exception text, and every
/// REST error is a problem document. Set CCHC_FUZZ_SEED to replay another seed.
/// </summary>
public static partial class GatewayFuzz
{
    private static readonly StatusCode[] Failures = [StatusCode.Unknown, StatusCode.Internal, StatusCode.DataLoss, StatusCode.Unavailable];

    /// <summary>Text no handler expects: NUL, broken surrogates' neighbours, 4-byte characters, scripts, markup, huge.</summary>
    private static readonly string[] HostileText =
    [
        "", " ", "\0", "a\0b", "Nguyễn Văn An", "😀𝔘𠀀", "\u202Eabc", "'; DROP TABLE dossiers; --", "<script>alert(1)</script>",
        "../../etc/passwd", "%00", "QT.SKHCN", "QT.SKHCN-261206-0001", "2026-02-30", "9999-12-31", "-1", "1e309", "NaN",
        "\r\nX-Injected: 1", new string('a', 5000), new string('Đ', 70_000), "\uFFFF\uFFFE", "null", "{}", "true",
    ];

    /// <summary>What a run found: the failed calls (empty when all is well), how many calls it made, and the slowest of them.</summary>
    public sealed record Report(IReadOnlyList<string> Failures, int Calls, TimeSpan Elapsed, IReadOnlyList<string> Slowest);

    public static async Task<Report> RunAsync(Uri grpcGateway, Uri httpGateway, string token, int? seed = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var timings = new ConcurrentBag<(TimeSpan Took, string Call)>();
        seed ??= int.TryParse(Environment.GetEnvironmentVariable("CCHC_FUZZ_SEED"), out var given) ? given : 20261206;
        var random = new Random(seed.Value);
        var failures = new ConcurrentQueue<string>();
        var methods = ContractCatalog.PublicServices.SelectMany(s => s.Methods).Where(m => !m.IsClientStreaming).ToList();

        // Cases are drawn up front from the one seeded generator, so a seed always means the same requests.
        var grpcCases = methods.SelectMany(m => GrpcBodies(m, random).Select(body => (Method: m, Body: body))).ToList();
        var restCases = methods.SelectMany(m => RestRequests(m, random).Select(request => (Method: m, Request: request))).ToList();

        using var channel = GrpcChannel.ForAddress(grpcGateway, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        await Parallel.ForEachAsync(grpcCases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
        {
            var started = clock.Elapsed;
            var refused = await CallAsync(channel, c.Method, c.Body, headers);
            timings.Add((clock.Elapsed - started, $"gRPC {c.Method.FullName} {refused?.StatusCode}"));
            if (refused is not null && (Failures.Contains(refused.StatusCode) || LooksLikeExceptionText(refused.Status.Detail)))
            {
                failures.Enqueue($"gRPC {c.Method.FullName} [{Convert.ToHexString(c.Body.AsSpan(0, Math.Min(c.Body.Length, 48)))}…]: {refused.StatusCode} {refused.Status.Detail}");
            }
        });

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = httpGateway, Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(restCases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
        {
            using var request = c.Request.Build(token);
            var started = clock.Elapsed;
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            timings.Add((clock.Elapsed - started, $"REST {c.Request.Verb} {c.Method.FullName} {status}"));
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            // Kestrel itself refuses a NUL in the path (an empty 400) and an over-long request line (an empty 414)
            // before any middleware can speak.
            var refusedByServer = body.Length == 0
                && (status == 414 || (status == 400 && c.Request.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal)));
            if (status >= 500 || LooksLikeExceptionText(body) || (status >= 400 && !problem && !refusedByServer)
                || (status == 429 && response.Headers.RetryAfter is null))
            {
                failures.Enqueue($"REST {status} ← {c.Request} ({c.Method.FullName}): {body[..Math.Min(body.Length, 300)]}");
            }
        });

        // A body past the gateway's limit is RESOURCE_EXHAUSTED, said as such.
        using (var huge = new HttpRequestMessage(HttpMethod.Post, "/notifications/v1/events")
               { Content = new ByteArrayContent(new byte[33 * 1024 * 1024]) })
        {
            huge.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            huge.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            // As a careful client does with a large body: the refusal comes before the body is sent.
            huge.Headers.ExpectContinue = true;
            try
            {
                using var response = await http.SendAsync(huge);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge || !text.Contains("\"RESOURCE_EXHAUSTED\"", StringComparison.Ordinal))
                {
                    failures.Enqueue($"REST 33 MiB body: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures.Enqueue($"REST 33 MiB body: no answer ({ex.Message})");
            }
        }
        return new Report([.. failures.Select(f => $"(seed {seed}) {f}")], grpcCases.Count + restCases.Count + 1, clock.Elapsed,
            [.. timings.OrderByDescending(t => t.Took).Take(8).Select(t => $"{t.Took.TotalMilliseconds:F0} ms {t.Call}")]);
    }

    private static bool LooksLikeExceptionText(string? text) =>
        text is not null && (text.Contains("Exception", StringComparison.Ordinal) || StackFrame().IsMatch(text));

    [GeneratedRegex(@"\bat [\w.]+\(.*\) in |\n\s+at [\w.<>]+\(")]
    private static partial Regex StackFrame();

    internal static async Task<RpcException?> CallAsync(GrpcChannel channel, MethodDescriptor method, byte[] body, Metadata headers)
    {
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(method.IsServerStreaming ? 1 : 20));
        try
        {
            if (method.IsServerStreaming)
            {
                var streaming = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, bytes, bytes);
                using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(streaming, null, options, body);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
                return null;
            }
            var unary = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, bytes, bytes);
            await channel.CreateCallInvoker().AsyncUnaryCall(unary, null, options, body);
            return null;
        }
        catch (RpcException ex) when (method.IsServerStreaming && ex.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Cancelled)
        {
            return null; // a stream that was still open at its deadline: a good answer
        }
        catch (RpcException ex)
        {
            return ex;
        }
    }

    // ---- gRPC bodies ----

    internal static IEnumerable<byte[]> GrpcBodies(MethodDescriptor method, Random random)
    {
        var count = method.IsServerStreaming ? 2 : 1;
        for (var i = 0; i < count; i++)
        {
            yield return RandomBytes(random, random.Next(0, 48));
        }
        for (var i = 0; i < (method.IsServerStreaming ? 1 : 5); i++)
        {
            var valid = RandomMessage(method.InputType, random, depth: 0).ToByteArray();
            yield return valid;
            if (valid.Length > 0)
            {
                yield return Mutate(valid, random);
            }
        }
        // A string field whose bytes are not UTF-8, and a deep nesting where the type allows one.
        if (method.InputType.Fields.InDeclarationOrder().FirstOrDefault(f => f.FieldType == FieldType.String && !f.IsRepeated) is { } text)
        {
            yield return [(byte)((text.FieldNumber << 3) | 2), 2, 0xC3, 0x28];
        }
        if (method.InputType.Fields.InDeclarationOrder().FirstOrDefault(f => f.FieldType == FieldType.Message && f.MessageType.FullName == Struct.Descriptor.FullName) is { } nested)
        {
            var deep = new Struct();
            for (var level = 0; level < 60; level++)
            {
                deep = new Struct { Fields = { ["n"] = Value.ForStruct(deep) } };
            }
            var message = method.InputType.Parser.ParseFrom([]);
            nested.Accessor.SetValue(message, deep);
            yield return message.ToByteArray();
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var copy = (byte[])valid.Clone();
        switch (random.Next(3))
        {
            case 0:
                return copy[..random.Next(copy.Length)]; // truncated
            case 1:
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8)); // one bit flipped
                return copy;
            default:
                return [.. copy, .. RandomBytes(random, random.Next(1, 8))]; // trailing garbage
        }
    }

    private static IMessage RandomMessage(MessageDescriptor descriptor, Random random, int depth)
    {
        var message = descriptor.Parser.ParseFrom([]);
        if (depth > 3)
        {
            return message;
        }
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            if (random.Next(3) == 0 || (field.RealContainingOneof is not null && random.Next(2) == 0))
            {
                continue;
            }
            if (field.IsMap)
            {
                var map = (System.Collections.IDictionary)field.Accessor.GetValue(message);
                var keyField = field.MessageType.FindFieldByNumber(1);
                var valueField = field.MessageType.FindFieldByNumber(2);
                for (var i = random.Next(3); i > 0; i--)
                {
                    var key = RandomScalar(keyField, random, depth);
                    if (key is not null && !map.Contains(key) && RandomScalar(valueField, random, depth) is { } value)
                    {
                        map[key] = value;
                    }
                }
            }
            else if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                for (var i = random.Next(4); i > 0; i--)
                {
                    if (RandomScalar(field, random, depth) is { } item)
                    {
                        list.Add(item);
                    }
                }
            }
            else if (RandomScalar(field, random, depth) is { } value)
            {
                field.Accessor.SetValue(message, value);
            }
        }
        return message;
    }

    private static object? RandomScalar(FieldDescriptor field, Random random, int depth) => field.FieldType switch
    {
        FieldType.String => HostileText[random.Next(HostileText.Length)],
        FieldType.Bytes => ByteString.CopyFrom(RandomBytes(random, random.Next(0, 64))),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => new[] { 0, 1, -1, 50, 1000, int.MaxValue, int.MinValue }[random.Next(7)],
        FieldType.UInt32 or FieldType.Fixed32 => new[] { 0u, 1u, 50u, uint.MaxValue }[random.Next(4)],
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => new[] { 0L, 1L, -1L, long.MaxValue, long.MinValue }[random.Next(5)],
        FieldType.UInt64 or FieldType.Fixed64 => new[] { 0ul, 1ul, ulong.MaxValue }[random.Next(3)],
        FieldType.Double => new[] { 0d, -1d, 1e308, double.NaN, double.PositiveInfinity }[random.Next(5)],
        FieldType.Float => new[] { 0f, -1f, float.MaxValue, float.NaN }[random.Next(4)],
        FieldType.Enum => random.Next(4) == 0 ? 9999 : field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number,
        FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName =>
            new Timestamp { Seconds = new[] { 0L, -62135596800L, 253402300799L, 1_796_000_000L }[random.Next(4)], Nanos = random.Next(2) == 0 ? 0 : 999_999_999 },
        FieldType.Message when field.MessageType.FullName == Struct.Descriptor.FullName =>
            new Struct { Fields = { [HostileText[random.Next(HostileText.Length)]] = Value.ForString(HostileText[random.Next(HostileText.Length)]) } },
        FieldType.Message when field.MessageType.FullName == FieldMask.Descriptor.FullName =>
            new FieldMask { Paths = { HostileText[random.Next(HostileText.Length)], "name" } },
        FieldType.Message when field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal) => null,
        FieldType.Message => RandomMessage(field.MessageType, random, depth + 1),
        _ => null,
    };

    // ---- REST requests ----

    /// <summary>One REST request, described so that a failure can be read and replayed.</summary>
    public sealed record RestRequest(string Verb, string Path, string? Body, string? ContentType, bool Anonymous)
    {
        public HttpRequestMessage Build(string token)
        {
            var request = new HttpRequestMessage(new HttpMethod(Verb.ToUpperInvariant()), Path);
            if (Body is not null)
            {
                // Always UTF-8 bytes, whatever charset the header claims (a 4-byte character under "latin1" is one case).
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType ?? "application/json");
            }
            if (!Anonymous)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            return request;
        }

        public override string ToString() => $"{Verb.ToUpperInvariant()} {Path[..Math.Min(Path.Length, 200)]} {ContentType} {Body?[..Math.Min(Body.Length, 120)]}";
    }

    private static readonly string[] HostileSegments =
    [
        "x", "%00", "a%00b", "%FF%FE", "..%2F..", "%2e%2e", "Nguy%E1%BB%85n", "%F0%9F%98%80", new string('a', 3000), "QT.SKHCN", "-1",
        "99999999999999999999", "%25", "%20", "null", "7.000001", "QT.SKHCN-261206-0001",
    ];

    private static IEnumerable<RestRequest> RestRequests(MethodDescriptor method, Random random)
    {
        if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule)
        {
            yield break;
        }
        var (verb, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("get", rule.Get),
            HttpRule.PatternOneofCase.Post => ("post", rule.Post),
            HttpRule.PatternOneofCase.Put => ("put", rule.Put),
            HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
            HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
            _ => ("get", ""),
        };
        if (template.Length == 0 || method.IsServerStreaming)
        {
            yield break;
        }
        var fields = method.InputType.Fields.InDeclarationOrder().Where(f => !f.IsRepeated && f.FieldType != FieldType.Message).ToList();
        for (var i = 0; i < 6; i++)
        {
            var path = Template().Replace(template, _ => HostileSegments[random.Next(HostileSegments.Length)]);
            if (fields.Count > 0 && random.Next(2) == 0)
            {
                var field = fields[random.Next(fields.Count)];
                var value = HostileText[random.Next(HostileText.Length)];
                path += $"?{field.JsonName}={Uri.EscapeDataString(value[..Math.Min(200, value.Length)])}";
            }
            string? body = null, contentType = null;
            if (rule.Body.Length > 0)
            {
                (body, contentType) = random.Next(6) switch
                {
                    0 => ("{\"a\":" + string.Concat(Enumerable.Repeat("[", 300)) + string.Concat(Enumerable.Repeat("]", 300)) + "}", "application/json"),
                    1 => ("{\"" + (fields.Count > 0 ? fields[0].JsonName : "x") + "\": \"Đồng 😀\"}", "application/json; charset=latin1"),
                    2 => ("{\"unterminated\": \"", "application/json"),
                    3 => ("not json at all", "text/plain"),
                    4 => ("{\"" + (fields.Count > 0 ? fields[random.Next(fields.Count)].JsonName : "x") + "\": {\"nested\": [1, 2, {}]}}", "application/json; charset=utf-16"),
                    _ => (JsonFormatter.Default.Format(RandomMessage(method.InputType, random, depth: 0)), "application/json"),
                };
            }
            yield return new RestRequest(verb, path, body, contentType, Anonymous: random.Next(8) == 0);
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Template();
}
