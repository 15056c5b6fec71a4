using System.Diagnostics;
using System.Net;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Cchc.Gateway.Tests;

public sealed class TimeoutTests
{
    [Fact]
    public async Task A_REST_call_to_a_back_end_that_does_not_answer_ends_with_504_within_the_configured_bound()
    {
        var port = Cchc.Hosting.Local.Ports.Free();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var slow = builder.Build();
        slow.MapGet("/directives/v1/units", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Ok();
        });
        await slow.StartAsync();
        TestInfrastructure.EnsureCache();
        await using var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting($"ConnectionStrings:{Resources.Cache}", TestInfrastructure.CacheConnectionString);
            foreach (var (service, _) in Resources.ServiceDatabases)
            {
                host.UseSetting($"services:{service}:http:0", $"http://127.0.0.1:{port}");
                host.UseSetting($"services:{service}:grpc:0", $"http://127.0.0.1:{port}");
            }
            foreach (var (service, _) in Resources.ServiceDatabases)
            {
                host.UseSetting($"ReverseProxy:Clusters:{service}-http:HttpRequest:ActivityTimeout", "00:00:01");
            }
        });
        var clock = Stopwatch.StartNew();

        var response = await gateway.CreateClient().GetAsync("/directives/v1/units");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
    }
}
