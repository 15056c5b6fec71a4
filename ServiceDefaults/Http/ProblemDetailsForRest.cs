using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cchc.ServiceDefaults.Http;

/// <summary>
/// REST responses of failed calls become RFC 9457 problem details carrying the same information as
/// the gRPC error: the gRPC code, the message, and the <c>google.rpc</c> details (field violations
/// as <c>errors</c>). gRPC calls are untouched.
/// </summary>
public static class ProblemDetailsForRest
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>The largest request body any Cchc server reads, unless <c>Limits:MaxRequestBodyBytes</c> says otherwise.</summary>
    public const long DefaultMaxRequestBodyBytes = 32 * 1024 * 1024;

    public static IApplicationBuilder UseProblemDetailsForRest(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            await next(context);
            return;
        }
        if (context.Request.ContentLength is { } length
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { MaxRequestBodySize: { } limit } && length > limit)
        {
            // Refused from its Content-Length before a byte is read (a client sending Expect: 100-continue sends none).
            await WriteRefusalAsync(context, StatusCodes.Status413PayloadTooLarge, 8,
                $"The request body ({length} bytes) is larger than this server accepts ({limit} bytes).", null);
            return;
        }
        if (ForeignCharset(context.Request) is { } charset)
        {
            // JSON between systems is UTF-8 (RFC 8259 §8.1); the transcoder would fail on some charsets and misread others.
            await WriteRefusalAsync(context, StatusCodes.Status415UnsupportedMediaType, 3,
                $"Content-Type: request bodies are JSON in UTF-8; charset '{charset}' is not accepted.",
                new JsonObject
                {
                    ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                    ["fieldViolations"] = new JsonArray(new JsonObject
                    {
                        ["field"] = "Content-Type",
                        ["description"] = $"must be application/json in UTF-8 (no charset, or charset=utf-8), not charset '{charset}'",
                    }),
                });
            return;
        }
        var original = context.Response.Body;
        await using var capture = new ErrorCapturingStream(context, original);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400
            && context.Response.ContentType?.StartsWith(ProblemJson, StringComparison.Ordinal) != true
            && context.Response.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(ToProblem(context, capture.Captured?.ToArray() ?? []));
            context.Response.ContentType = ProblemJson;
            context.Response.ContentLength = bytes.Length;
            await original.WriteAsync(bytes, context.RequestAborted);
        }
        else if (capture.Captured is { Length: > 0 } untouched)
        {
            untouched.Position = 0;
            await untouched.CopyToAsync(original, context.RequestAborted);
        }
    });

    /// <summary>
    /// Holds the body back only when the response is an error, decided at the first write; a
    /// successful response, streamed or not, goes straight through.
    /// </summary>
    private sealed class ErrorCapturingStream(HttpContext context, Stream inner) : Stream
    {
        private bool? _capturing;

        public MemoryStream? Captured { get; private set; }

        private Stream Target()
        {
            _capturing ??= context.Response.StatusCode >= 400;
            if (_capturing == true)
            {
                return Captured ??= new MemoryStream();
            }
            return inner;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => Target().Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) =>
            _capturing == true ? Task.CompletedTask : Target().FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Target().Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Target().WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Target().WriteAsync(buffer, offset, count, cancellationToken);
    }

    /// <summary>A refusal made here, before any service code ran, written as the problem a service's own refusal would be.</summary>
    private static Task WriteRefusalAsync(HttpContext context, int status, int code, string message, JsonObject? detail)
    {
        var rpcStatus = new JsonObject { ["code"] = code, ["message"] = message };
        if (detail is not null)
        {
            rpcStatus["details"] = new JsonArray(detail);
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = ProblemJson;
        return context.Response.WriteAsync(JsonSerializer.Serialize(ToProblem(context, JsonSerializer.SerializeToUtf8Bytes(rpcStatus))), context.RequestAborted);
    }

    /// <summary>The charset a request body declares when it is not UTF-8 (cut to 40 characters), or null.</summary>
    private static string? ForeignCharset(HttpRequest request)
    {
        if (request.ContentType is not { } contentType
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            || media.Charset is not { Length: > 0 } declared)
        {
            return null;
        }
        var charset = declared.Value!.Trim('"');
        return charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : charset[..Math.Min(charset.Length, 40)];
    }

    public static JsonObject ToProblem(HttpContext context, byte[] body)
    {
        var status = context.Response.StatusCode;
        JsonObject? rpcStatus = null;
        if (body.Length > 0)
        {
            try
            {
                rpcStatus = JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException)
            {
            }
        }
        var grpcCode = (rpcStatus?["code"] as JsonValue)?.TryGetValue<int>(out var code) == true ? code : CodeOf(status);
        var problem = new JsonObject
        {
            ["type"] = $"https://grpc.github.io/grpc/core/md_doc_statuscodes.html#{CodeName(grpcCode)}",
            ["title"] = CodeName(grpcCode),
            ["status"] = status,
            ["detail"] = rpcStatus?["message"]?.GetValue<string>() ?? DefaultDetail(status),
            ["instance"] = context.Request.Path.Value,
            ["code"] = grpcCode,
        };
        if (CorrelationId.Get(context) is { } correlationId)
        {
            problem["correlationId"] = correlationId;
        }
        if (rpcStatus?["details"] is JsonArray details && details.Count > 0)
        {
            problem["details"] = details.DeepClone();
            var errors = new JsonObject();
            foreach (var violation in details.OfType<JsonObject>()
                         .Where(d => d["@type"]?.GetValue<string>()?.EndsWith("google.rpc.BadRequest", StringComparison.Ordinal) == true)
                         .SelectMany(d => d["fieldViolations"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var field = violation["field"]?.GetValue<string>() ?? "";
                if (errors[field] is not JsonArray list)
                {
                    errors[field] = list = [];
                }
                list.Add(violation["description"]?.GetValue<string>());
            }
            if (errors.Count > 0)
            {
                problem["errors"] = errors;
            }
        }
        return problem;
    }

    /// <summary>The gRPC code of an HTTP error that no service answered (the server, the gateway or a middleware did).</summary>
    public static int CodeOf(int status) => status switch
    {
        400 or 411 or 415 => 3,
        401 => 16,
        403 => 7,
        404 => 5,
        408 or 504 => 4,
        409 => 10,
        413 or 429 or 431 => 8,
        499 => 1,
        501 => 12,
        502 or 503 => 14,
        500 => 13,
        _ => 2,
    };

    private static string DefaultDetail(int status) => status switch
    {
        413 => "The request body is larger than this server accepts.",
        401 => "A valid bearer token or API key is required.",
        403 => "The caller is not allowed to make this call.",
        404 => "Not found.",
        429 => "Too many requests; retry later.",
        _ => "The request failed.",
    };

    private static string CodeName(int code) => code switch
    {
        0 => "OK", 1 => "CANCELLED", 2 => "UNKNOWN", 3 => "INVALID_ARGUMENT", 4 => "DEADLINE_EXCEEDED", 5 => "NOT_FOUND",
        6 => "ALREADY_EXISTS", 7 => "PERMISSION_DENIED", 8 => "RESOURCE_EXHAUSTED", 9 => "FAILED_PRECONDITION", 10 => "ABORTED",
        11 => "OUT_OF_RANGE", 12 => "UNIMPLEMENTED", 13 => "INTERNAL", 14 => "UNAVAILABLE", 15 => "DATA_LOSS", 16 => "UNAUTHENTICATED",
        _ => "UNKNOWN",
    };
}
