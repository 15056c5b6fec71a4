using System.Text.Json;
using Cchc.Contracts;
using Grpc.Reflection;

namespace Cchc.Gateway.OpenApi;

public static class OpenApiEndpoints
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/docs";

    /// <summary>
    /// Server reflection at the gateway describes every service it fronts (not just its own), so a
    /// client in any language can discover the whole API through the one endpoint.
    /// </summary>
    public static void AddGatewayReflection(this IHostApplicationBuilder builder)
    {
        var descriptors = ContractCatalog.PublicServices.Append(Grpc.Health.V1.Health.Descriptor).ToList();
        builder.Services.AddSingleton(new ReflectionServiceImpl(descriptors));
    }

    public static void MapApiDocumentation(this WebApplication app)
    {
        var document = JsonSerializer.SerializeToUtf8Bytes(OpenApiDocument.Build(ContractCatalog.PublicServices), new JsonSerializerOptions { WriteIndented = true });
        using var page = typeof(OpenApiEndpoints).Assembly.GetManifestResourceStream("docs.html")!;
        using var reader = new StreamReader(page);
        var html = reader.ReadToEnd();
        app.MapGet(DocumentPath, () => Results.Bytes(document, "application/json")).AllowAnonymous();
        app.MapGet(PagePath, (HttpContext context) =>
        {
            // The page is self-contained: it loads nothing and talks only to this gateway, and nobody may frame it.
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Content(html, "text/html; charset=utf-8");
        }).AllowAnonymous();
    }
}
