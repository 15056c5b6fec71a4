using System.Net;
using System.Net.Http.Headers;
using Cchc.ServiceDefaults.Security;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Hosting.Local;
using Cchc.Directives.V1;
using Cchc.Dossiers.V1;
using Cchc.Indexes.V1;
using Cchc.Notifications.V1;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace Cchc.AppHost.Tests;

[Collection(WholeStack.Name)]
public sealed class EndToEndTests(StackFixture stack)
{
    private static GrpcChannel Channel(AspireStack host, string? token) => GrpcChannel.ForAddress(host.GatewayGrpc, new GrpcChannelOptions
    {
        HttpHandler = token?.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal) == true
            ? new KeyHandler(token) { InnerHandler = new SocketsHttpHandler() }
            : new BearerHandler(token) { InnerHandler = new SocketsHttpHandler() },
    });

    private sealed class KeyHandler(string key) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(ApiKeyFormat.Header, key);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class BearerHandler(string? token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public Task The_whole_stack_serves_every_service_through_the_gateway_over_gRPC_and_REST() => Exercise(stack.Stack);

    private static async Task Exercise(AspireStack host)
    {
        var tokens = host.DevelopmentTokens();
        using var channel = Channel(host, tokens[Roles.Administrator]);
        using var http = new HttpClient { BaseAddress = host.GatewayHttp };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[Roles.Administrator]);

        // Directives over gRPC: the Development organisation is there.
        var organisation = new OrganizationService.OrganizationServiceClient(channel);
        var office = (await organisation.GetUnitAsync(new GetUnitRequest { Code = "QT.SKHCN.VP" })).Unit;
        Assert.Equal("Văn phòng Sở", office.Name);

        // Dossiers over gRPC: a procedure written through the gateway is read back through it.
        var catalogue = new ProcedureCatalog.ProcedureCatalogClient(channel);
        await catalogue.CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = new Procedure
            {
                Code = "7.000001", Name = "Thủ tục thử nghiệm", Field = "Hoạt động khoa học và công nghệ", AgencyCode = "QT.SKHCN",
                StatutoryTime = new StatutoryTime { Amount = "10", Unit = DurationUnit.WorkingDays }, OnlineLevel = OnlineLevel.Partial,
            },
        });
        var missing = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => catalogue.GetProcedureAsync(new GetProcedureRequest { Code = "7.999999" }).ResponseAsync);
        Assert.Equal("7.999999", missing.GetDetail<ResourceInfo>()?.ResourceName);

        // Indexes and Notifications over gRPC.
        var frameworks = await new IndexFrameworkService.IndexFrameworkServiceClient(channel).ListFrameworksAsync(new ListFrameworksRequest());
        Assert.Contains(frameworks.Frameworks, f => f.Code == "SERVICE_766" && f.MaxTotal == "100");
        var preview = await new TemplateService.TemplateServiceClient(channel).PreviewTemplateAsync(
            new PreviewTemplateRequest { EventType = "dossier.received", Channel = Notifications.V1.Channel.Email });
        Assert.Contains("Ngày hẹn trả kết quả", preview.Body);

        // The gateway's own grpc.health.v1.
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        // Every service over REST through the same gateway.
        var unit = await http.GetFromJsonAsync<JsonElement>("/directives/v1/units/QT.SKHCN");
        Assert.Equal("Sở KH&CN", unit.GetProperty("unit").GetProperty("shortName").GetString());
        var procedure = await http.GetFromJsonAsync<JsonElement>("/dossiers/v1/procedures/7.000001");
        Assert.Equal("10", procedure.GetProperty("procedure").GetProperty("statutoryTime").GetProperty("amount").GetString());
        var papi = await http.GetFromJsonAsync<JsonElement>("/indexes/v1/frameworks/PAPI");
        Assert.Equal(8, papi.GetProperty("framework").GetProperty("components").GetArrayLength());
        var templates = await http.GetFromJsonAsync<JsonElement>("/notifications/v1/templates?event_type_prefix=dossier.");
        Assert.True(templates.GetProperty("templates").GetArrayLength() >= 3);
        var notFound = await http.GetAsync("/directives/v1/units/NO.SUCH");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);

        // The chain a leader follows, through the gateway: directive 35-CT/TU → the Department's dispatch
        // implementing it → its units' tasks with status and evidence; then the directive's summary.
        using (var leadership = Channel(host, tokens[Roles.Leadership]))
        {
            var documents = new DocumentService.DocumentServiceClient(leadership);
            var directive = (await documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = "35-CT/TU" })).Hits[0].Document;
            var tree = (await documents.GetImplementationTreeAsync(new GetImplementationTreeRequest { DocumentId = directive.DocumentId })).Root;
            var items = tree.ImplementedBy.Single().Tasks.ToDictionary(t => t.Number);
            Assert.Equal(("35-CT/TU", DirectiveTaskStatus.DoneOnTime), (directive.Symbol, items["1"].Status));
            Assert.Equal(DirectiveTaskStatus.Overdue, items["4"].Status);
            Assert.Equal("tong-hop-cam-ket-van-hoa-cong-so-2024.pdf", items["1"].LatestReport.Evidence.Single().Name);
            using var leader = new HttpClient { BaseAddress = host.GatewayHttp };
            leader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[Roles.Leadership]);
            var summary = await leader.GetFromJsonAsync<JsonElement>($"/directives/v1/documents/{directive.DocumentId}/summary");
            Assert.True(summary.GetProperty("totals").GetProperty("overdue").GetInt32() >= 3);
        }
        // Directives copies the working calendar from Dossiers (which may still have been starting when Directives first asked).
        var copied = await host.LogOfAsync("directives", lines => lines.Any(l => l.Contains("Working calendar copied from Dossiers")), TimeSpan.FromSeconds(90));
        Assert.True(copied.Any(l => l.Contains("Working calendar copied from Dossiers")), $"Directives did not copy the working calendar from Dossiers within 90 s; its log ends:\n{string.Join('\n', copied.TakeLast(40))}");

        // An integrator's life: an administrator issues a key over REST; it works over gRPC, gRPC-Web and REST; revoked, it stops at once.
        var issued = await (await http.PostAsJsonAsync("/directives/v1/api-keys", new
        {
            name = "Cổng dịch vụ công tỉnh (thử nghiệm)", scopes = new[] { "directives:write", "dossiers:write", "indexes:write", "notifications:write" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var apiKey = issued.GetProperty("plainKey").GetString()!;
        var keyId = issued.GetProperty("apiKey").GetProperty("keyId").GetString()!;
        using (var webChannel = GrpcChannel.ForAddress(host.GatewayHttp, new GrpcChannelOptions
               { HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new KeyHandler(apiKey) { InnerHandler = new SocketsHttpHandler() }), HttpVersion = HttpVersion.Version11, HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact }))
        {
            var viaWeb = await new OrganizationService.OrganizationServiceClient(webChannel).GetUnitAsync(new GetUnitRequest { Code = "QT.SKHCN" });
            Assert.Equal("Sở KH&CN", viaWeb.Unit.ShortName);
        }

        // Every RPC docs/access.md lists admits exactly its roles through the gateway: officials with the
        // AppHost's development tokens, the integrator with the key just issued.
        // Services sign their own tokens with keys only they hold, so no caller outside has one: a
        // service-only RPC is refused at the gateway whatever the credential, and the service role is
        // proven in each service's own tests.
        var credentials = new Dictionary<string, string>(tokens) { [Roles.Integrator] = apiKey };
        var outsideRoles = Roles.All.Where(r => r != Roles.Service).ToList();
        var reachable = ReadmeAccessTable.Documented().Where(r => !Cchc.Contracts.ContractCatalog.IsInternalPath("/" + r.FullName)).ToList();
        await AccessMatrix.VerifyAsync(reachable, token => Channel(host, token), role => credentials[role], outsideRoles);
        foreach (var role in outsideRoles)
        {
            await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => new ApplicantNotices.ApplicantNoticesClient(Channel(host, credentials[role]))
                .GetApplicantNoticeAsync(new GetApplicantNoticeRequest { DossierCode = "QT.SKHCN-261206-0001" }).ResponseAsync);
        }

        // A dossier received at the desk reaches the portal's webhook through the Dossiers change feed,
        // signed, and its public status is readable anonymously with the receipt's lookup secret.
        await using (var portal = new WebhookReceiver())
        {
            await portal.StartAsync();
            var hook = await new WebhookService.WebhookServiceClient(channel).CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                Url = portal.Url, EventTypes = { "dossier.*" }, Filter = { ["agencyCode"] = "QT.SKHCN" },
            });
            portal.Secret = hook.Secret;
            using var desk = Channel(host, tokens[Roles.DeskOfficer]);
            var receipt = (await new DossierService.DossierServiceClient(desk).ReceiveDossierAsync(new ReceiveDossierRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Applicant = new Applicant { Kind = ApplicantKind.Person, IdentityNumber = "045090001234", Name = "Nguyễn Văn An", Phone = "0912345678", Address = "Phường Đông Hà, tỉnh Quảng Trị" },
                ProcedureCode = "7.000001",
                AgencyCode = "QT.SKHCN",
                Channel = IntakeChannel.InPerson,
                Papers = { new Paper { Name = "Tờ khai đề nghị", Kind = PaperKind.Original, Count = 1 } },
            })).Receipt;
            await portal.WaitUntilAsync(r => r.Any(m => m.Subject == receipt.DossierCode), TimeSpan.FromSeconds(60));
            Assert.All(portal.Received, m => Assert.True(m.SignatureValid));
            Assert.Contains(portal.Received, m => m.Type == "dossier.received" && m.Subject == receipt.DossierCode);
            using var citizen = new HttpClient { BaseAddress = host.GatewayHttp };
            var publicStatus = await citizen.GetAsync($"/dossiers/v1/public/dossiers/{receipt.DossierCode}/status?lookupSecret={receipt.LookupSecret}");
            Assert.Equal(HttpStatusCode.OK, publicStatus.StatusCode);
        }

        await http.PostAsJsonAsync($"/directives/v1/api-keys/{keyId}:revoke", new { reason = "kết thúc thử nghiệm" });
        using var revoked = new HttpClient { BaseAddress = host.GatewayHttp };
        revoked.DefaultRequestHeaders.Add(ApiKeyFormat.Header, apiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/directives/v1/units/QT.SKHCN")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = host.GatewayHttp };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/directives/v1/units/QT.SKHCN")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/dossiers/v1/procedures/7.000001")).StatusCode);
        using var deskOfficer = new HttpClient { BaseAddress = host.GatewayHttp };
        deskOfficer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[Roles.DeskOfficer]);
        Assert.Equal(HttpStatusCode.Forbidden, (await deskOfficer.PostAsJsonAsync("/directives/v1/units", new { code = "QT.X" })).StatusCode);

        // One correlation id from the caller, through the gateway, into the service's log lines and back.
        using (var traced = new HttpRequestMessage(HttpMethod.Post, "/directives/v1/units")
               { Content = JsonContent.Create(new { code = "QT.SKHCN.E2E", name = "Tổ thử nghiệm", kind = "UNIT_KIND_DIVISION", parentCode = "QT.SKHCN" }) })
        {
            traced.Headers.Add("x-correlation-id", "e2e-trace-7f3a");
            var created = await http.SendAsync(traced);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            Assert.Equal("e2e-trace-7f3a", created.Headers.GetValues("x-correlation-id").Single());
        }
        var problem = await http.GetAsync("/directives/v1/units/QT.NOTHING");
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Equal("NOT_FOUND", (await problem.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // The correlation id reached the service's own log lines, with the unit it created.
        var log = await host.LogOfAsync("directives", lines => lines.Any(l => l.Contains("CorrelationId:e2e-trace-7f3a")), TimeSpan.FromSeconds(30));
        Assert.Contains(log, line => line.Contains("QT.SKHCN.E2E") && line.Contains("CorrelationId:e2e-trace-7f3a"));

        // Every curl example of the README (and docs/) answers as the page says.
        var rotten = await ReadmeExamples.RunAsync(RepositoryRoot.Find(), host.GatewayHttp, Path.Combine(host.DataDirectory, "dev-tokens.env"));
        Assert.True(rotten.Count == 0, $"README examples that do not work:\n{string.Join('\n', rotten)}");
    }
}
