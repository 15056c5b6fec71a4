using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cchc.ServiceDefaults.Http;

/// <summary>
/// A correlation id on every request: taken from the caller's <c>x-correlation-id</c>, else from the
/// W3C baggage an upstream Cchc service propagated, else the trace id. It is returned to the caller,
/// put in the logging scope of everything the request logs, tagged on the trace, and carried as
/// baggage on every outgoing call, so each service the request touches logs the same id.
/// </summary>
public static class CorrelationId
{
    public const string Header = "x-correlation-id";
    public const string BaggageKey = "correlation.id";
    public const string ScopeKey = "CorrelationId";
    private const int MaxLength = 128;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app)
    {
        // One logger for every request's scope, not one resolved per request.
        var logger = app.ApplicationServices.GetService<ILoggerFactory>()?.CreateLogger<CorrelationIdScope>();
        return app.Use(async (context, next) =>
        {
            var id = Resolve(context);
            context.Items[ScopeKey] = id;
            // A proxy forwards the request header; a proxied response already carries the id, so add it only once.
            context.Request.Headers[Header] = id;
            context.Response.OnStarting(() =>
            {
                if (!context.Response.Headers.ContainsKey(Header))
                {
                    context.Response.Headers[Header] = id;
                }
                return Task.CompletedTask;
            });
            var activity = Activity.Current;
            activity?.SetTag(BaggageKey, id);
            activity?.SetBaggage(BaggageKey, id);
            using (logger?.BeginScope("CorrelationId:{CorrelationId}", id))
            {
                await next(context);
            }
        });
    }

    public static string? Get(HttpContext context) => context.Items[ScopeKey] as string;

    private static string Resolve(HttpContext context)
    {
        var given = context.Request.Headers[Header].ToString();
        if (IsAcceptable(given))
        {
            return given;
        }
        var propagated = Activity.Current?.GetBaggageItem(BaggageKey);
        if (IsAcceptable(propagated))
        {
            return propagated!;
        }
        return Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
    }

    // An id goes into logs and headers: printable ASCII only, bounded, so a caller cannot forge log lines.
    private static bool IsAcceptable(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => c is > ' ' and < (char)127);

    /// <summary>Category of the logger whose scope carries the id.</summary>
    public sealed class CorrelationIdScope;
}
