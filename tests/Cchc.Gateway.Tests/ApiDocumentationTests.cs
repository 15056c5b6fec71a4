using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Contracts;
using Cchc.ServiceDefaults;
using Cchc.Testing;
using Google.Api;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace Cchc.Gateway.Tests;

public sealed class ApiDocumentationTests(RoomyGatewayFixture fixture) : IClassFixture<RoomyGatewayFixture>
{
    private async Task<JsonElement> Document() => await fixture.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    [Fact]
    public async Task Every_annotated_RPC_of_every_contract_is_an_operation_of_the_OpenAPI_document()
    {
        var document = await Document();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(v => v.Value.GetProperty("summary").GetString()))
            .ToHashSet();

        var annotated = ContractCatalog.Services.SelectMany(s => s.Methods)
            .Where(m => m.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not null)
            .Select(m => $"{m.Service.FullName}/{m.Name}")
            .ToList();

        Assert.Equal("3.0.3", document.GetProperty("openapi").GetString());
        Assert.NotEmpty(annotated);
        Assert.All(annotated, rpc => Assert.Contains(rpc, operations));
    }

    [Fact]
    public async Task Path_query_and_body_follow_the_http_rules_and_JSON_follows_the_proto3_mapping()
    {
        var document = await Document();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var getUnit = paths.GetProperty("/directives/v1/units/{code}").GetProperty("get");
        var listProcedures = paths.GetProperty("/dossiers/v1/procedures").GetProperty("get");
        var createUnit = paths.GetProperty("/directives/v1/units").GetProperty("post");
        var unit = schemas.GetProperty("cchc.directives.v1.Unit").GetProperty("properties");
        var procedure = schemas.GetProperty("cchc.dossiers.v1.Procedure").GetProperty("properties");

        Assert.Contains(getUnit.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "code" && p.GetProperty("in").GetString() == "path");
        Assert.Contains(listProcedures.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "page_size" && p.GetProperty("in").GetString() == "query");
        Assert.Equal("#/components/schemas/cchc.directives.v1.Unit",
            createUnit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Contains(unit.GetProperty("kind").GetProperty("enum").EnumerateArray(), v => v.GetString() == "UNIT_KIND_OFFICE");
        Assert.True(unit.TryGetProperty("parentCode", out _));
        Assert.Equal("string", procedure.GetProperty("feeVnd").GetProperty("type").GetString());
        Assert.True(schemas.TryGetProperty("Problem", out _));
    }

    [Fact]
    public async Task The_interactive_page_is_served_and_reads_the_document()
    {
        using var response = await fixture.Client().GetAsync("/docs");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("/openapi/v1.json", page);
        Assert.Contains("x-api-key", page);
        // Where a pasted token lives, nothing foreign may run or frame the page.
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("connect-src 'self'", policy);
    }

    [Fact]
    public async Task Reflection_through_the_gateway_lists_every_service_it_fronts()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new VersionHandler { InnerHandler = fixture.Factory.Server.CreateHandler() },
        });
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var listed = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.All(ContractCatalog.PublicServices, s => Assert.Contains(s.FullName, listed));
        Assert.DoesNotContain("cchc.dossiers.v1.ApplicantNotices", listed);
    }

    [Fact]
    public async Task Reflection_v1_through_the_gateway_lists_and_describes_every_service_it_fronts()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new VersionHandler { InnerHandler = fixture.Factory.Server.CreateHandler() },
        });
        using var call = new Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1.ServerReflectionRequest { FileContainingSymbol = "cchc.dossiers.v1.DossierService" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var listed = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(b => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(b)).ToList();

        Assert.All(ContractCatalog.PublicServices, s => Assert.Contains(s.FullName, listed));
        Assert.DoesNotContain("cchc.dossiers.v1.ApplicantNotices", listed);
        Assert.Contains(files, f => f.Package == "cchc.dossiers.v1" && f.Service.Any(s => s.Name == "DossierService"));
    }

    [Fact]
    public async Task The_gateway_refuses_an_internal_service_with_a_google_rpc_Status_as_a_gRPC_answer()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new VersionHandler { InnerHandler = fixture.Factory.Server.CreateHandler() },
        });

        // Refused at the edge, answered as a service would: a status code and its google.rpc.Status.
        var status = await RpcAssert.FailsWith(Grpc.Core.StatusCode.PermissionDenied, () =>
            new Cchc.Dossiers.V1.ApplicantNotices.ApplicantNoticesClient(channel).GetApplicantNoticeAsync(new Cchc.Dossiers.V1.GetApplicantNoticeRequest()).ResponseAsync);
        Assert.Equal((int)Grpc.Core.StatusCode.PermissionDenied, status.Code);
    }

    [Fact]
    public async Task A_service_only_RPC_is_refused_at_the_gateway_whatever_the_token_and_never_forwarded()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new VersionHandler { InnerHandler = fixture.Factory.Server.CreateHandler() },
        });
        var notices = new Cchc.Dossiers.V1.ApplicantNotices.ApplicantNoticesClient(channel);
        var headers = new Grpc.Core.Metadata { { "authorization", $"Bearer {TestIdentity.ServiceToken(Resources.Notifications)}" } };

        // Forwarded, the call would meet the closed back-end port and come back UNAVAILABLE.
        await RpcAssert.FailsWith(Grpc.Core.StatusCode.PermissionDenied, () =>
            notices.GetApplicantNoticeAsync(new Cchc.Dossiers.V1.GetApplicantNoticeRequest { DossierCode = "QT.SKHCN-261206-0001" }, headers).ResponseAsync);
        Assert.True(ContractCatalog.IsInternalPath("/cchc.dossiers.v1.ApplicantNotices/GetApplicantNotice"));
        Assert.False(ContractCatalog.IsInternalPath("/cchc.dossiers.v1.DossierService/GetDossier"));
    }

    private sealed class VersionHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            response.Version = request.Version;
            return response;
        }
    }
}
