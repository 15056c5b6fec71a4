using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.Gateway.Tests;

public sealed class RateLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static async Task<HttpStatusCode[]> Send(HttpClient client, int count, string path = "/directives/v1/units")
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            statuses[i] = (await client.GetAsync(path)).StatusCode;
        }
        return statuses;
    }

    [Fact]
    public async Task A_flood_from_one_key_is_limited_at_its_own_rate_while_another_key_is_untouched()
    {
        var flooding = fixture.Client(TestIdentity.ApiKey("Hệ thống gửi dồn dập", ["directives:read"], rateLimitPerMinute: 5));
        var quiet = fixture.Client(TestIdentity.ApiKey("Hệ thống bình thường", ["directives:read"], rateLimitPerMinute: 5));

        var flood = await Send(flooding, 20);
        var others = await Send(quiet, 5);

        Assert.Equal(5, flood.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(15, flood.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, others);
    }

    [Fact]
    public async Task A_limited_REST_call_gets_problem_details_and_a_retry_delay()
    {
        var client = fixture.Client(TestIdentity.ApiKey("Giới hạn 1", ["directives:read"], rateLimitPerMinute: 1));
        await client.GetAsync("/directives/v1/units");

        var limited = await client.GetAsync("/directives/v1/units");
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("RESOURCE_EXHAUSTED", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_limited_gRPC_call_is_RESOURCE_EXHAUSTED()
    {
        var key = TestIdentity.ApiKey("gRPC giới hạn 2", ["directives:read"], rateLimitPerMinute: 2);
        using var channel = GrpcChannel.ForAddress(fixture.Factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new KeyHandler(key) { InnerHandler = fixture.Factory.Server.CreateHandler() },
        });
        var client = new OrganizationService.OrganizationServiceClient(channel);
        var codes = new List<StatusCode>();
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await client.ListUnitsAsync(new ListUnitsRequest());
                codes.Add(StatusCode.OK);
            }
            catch (RpcException ex)
            {
                codes.Add(ex.StatusCode);
            }
        }

        Assert.DoesNotContain(StatusCode.ResourceExhausted, codes.Take(2));
        Assert.Equal(StatusCode.ResourceExhausted, codes[2]);
    }

    [Fact]
    public async Task Officials_are_limited_one_by_one_and_health_probes_never()
    {
        var first = fixture.Client(TestIdentity.Issuer.Issue("official-a", "A", [Roles.DeskOfficer], "QT.SKHCN", "QT.SKHCN", TimeSpan.FromHours(1)));
        var second = fixture.Client(TestIdentity.Issuer.Issue("official-b", "B", [Roles.DeskOfficer], "QT.SKHCN", "QT.SKHCN", TimeSpan.FromHours(1)));

        var firstStatuses = await Send(first, GatewayFixture.OfficialPerMinute + 3);
        var secondStatuses = await Send(second, GatewayFixture.OfficialPerMinute);
        var health = await Send(fixture.Client(), 20, "/alive");

        Assert.Equal(3, firstStatuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, secondStatuses);
        Assert.All(health, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task The_portal_origin_may_call_from_a_browser_and_an_unknown_origin_may_not()
    {
        var client = fixture.Client();
        HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/dossiers/v1/procedures");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            return request;
        }

        var portal = await client.SendAsync(Preflight("https://dichvucong.quangtri.gov.vn"));
        var stranger = await client.SendAsync(Preflight("https://example.org"));

        Assert.Equal("https://dichvucong.quangtri.gov.vn", portal.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private sealed class KeyHandler(string key) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(ApiKeyFormat.Header, key);
            var response = await base.SendAsync(request, cancellationToken);
            response.Version = request.Version;
            return response;
        }
    }
}
