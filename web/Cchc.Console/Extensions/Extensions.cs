using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor;
using MudBlazor.Services;

namespace Cchc.Console.Extensions;

internal static class Extensions
{
    /// <summary>Telemetry and health as every Cchc project has them; not the services' bearer authentication (the console signs officials in itself).</summary>
    public static void AddConsoleDefaults(this IHostApplicationBuilder builder)
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        // Vietnamese everywhere: dates dd/MM/yyyy, numbers 1.234.567, MudBlazor's own texts' formats.
        var culture = CultureInfo.GetCultureInfo("vi-VN");
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
    }

    public static void AddConsoleInterface(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddSingleton(TimeProvider.System);
    }

    public static void UseConsoleDefaults(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/loi", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealthChecks(ServiceDefaultsExtensions.HealthPath).AllowAnonymous();
        app.MapHealthChecks(ServiceDefaultsExtensions.AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
    }
}
