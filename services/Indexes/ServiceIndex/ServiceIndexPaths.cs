namespace Cchc.Indexes.ServiceIndex;

/// <summary>
/// The service-index REST paths accept the short forms people write — <c>/service-index/AGENCY/QT.SKHCN/MONTH/2026-12</c> —
/// as well as the enum names of the contract (<c>SCOPE_KIND_AGENCY</c>, <c>PERIOD_KIND_MONTH</c>), in any case.
/// </summary>
public static class ServiceIndexPaths
{
    private const string Prefix = "/indexes/v1/service-index/";
    private static readonly string[] Scopes = ["UNIT", "AGENCY", "PROVINCE"];
    private static readonly string[] Periods = ["MONTH", "QUARTER", "YEAR"];

    /// <summary>Rewrites a short form to the contract's names; must run before routing.</summary>
    public static IApplicationBuilder UseServiceIndexShortForms(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.Value is { } path && path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && Canonical(path) is { } canonical)
        {
            context.Request.Path = canonical;
        }
        return next(context);
    });

    /// <summary>The path with its scope and period kinds in the contract's names, or null when nothing changes.</summary>
    public static string? Canonical(string path)
    {
        var segments = path[Prefix.Length..].Split('/');
        if (segments.Length < 4)
        {
            return null;
        }
        var scope = Expand(segments[0], "SCOPE_KIND_", Scopes);
        var period = Expand(segments[2], "PERIOD_KIND_", Periods);
        if (scope == segments[0] && period == segments[2])
        {
            return null;
        }
        segments[0] = scope;
        segments[2] = period;
        return Prefix + string.Join('/', segments);
    }

    private static string Expand(string segment, string enumPrefix, string[] shortForms)
    {
        var upper = segment.ToUpperInvariant();
        if (shortForms.Contains(upper))
        {
            return enumPrefix + upper;
        }
        return upper.StartsWith(enumPrefix, StringComparison.Ordinal) && shortForms.Contains(upper[enumPrefix.Length..]) ? upper : segment;
    }
}
