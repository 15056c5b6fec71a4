using Cchc.ServiceDefaults;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Directives.V1;
using Cchc.Testing;
using Grpc.Core;

namespace Cchc.Directives.Tests;

public sealed class ApiKeyTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private readonly ApiKeyService.ApiKeyServiceClient _admin = new(fixture.CreateChannel());

    private OrganizationService.OrganizationServiceClient As(string credential) => new(fixture.CreateChannel(credential));

    [Fact]
    public async Task An_issued_key_works_until_it_is_revoked_and_stops_at_once()
    {
        var created = await _admin.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "Cổng dịch vụ công tỉnh", Scopes = { "directives:read" } });
        var integrator = As(created.PlainKey);

        var before = await integrator.ListUnitsAsync(new ListUnitsRequest());
        await _admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = created.ApiKey.KeyId, Reason = "hết hợp đồng" });

        Assert.NotNull(before);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => integrator.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
    }

    [Fact]
    public async Task A_key_admits_only_what_its_scopes_cover()
    {
        var readOnly = (await _admin.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "Chỉ đọc chỉ số", Scopes = { "indexes:read" } })).PlainKey;
        var method = (await _admin.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            Name = "Một phương thức", Scopes = { "cchc.directives.v1.OrganizationService/GetUnit" },
        })).PlainKey;

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => As(readOnly).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => As(method).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => As(method).GetUnitAsync(new GetUnitRequest { Code = "QT.NONE" }).ResponseAsync);
    }

    [Fact]
    public async Task A_write_scope_does_not_lift_an_RPC_that_admits_administrators_only()
    {
        var writer = (await _admin.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "Ghi", Scopes = { "directives:write" } })).PlainKey;

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => As(writer).CreateUnitAsync(new CreateUnitRequest
        {
            Unit = new V1.Unit { Code = "K1", Name = "Không được tạo", Kind = UnitKind.Province },
        }).ResponseAsync);
    }

    [Fact]
    public async Task Malformed_unknown_and_forged_credentials_are_refused()
    {
        var (keyId, _, _) = ServiceDefaults.Security.ApiKeyFormat.Generate();
        var unknown = $"cchc_{keyId}_{new string('A', 43)}";

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => As("cchc_bad").ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => As(unknown).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        // A bearer token claiming the integrator role carries no key scopes, so it admits nothing.
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => As(TestIdentity.IntegratorBearerToken()).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        // The cache decides nothing: a record written there unsealed, or sealed by any service but Directives, is no key.
        string[] everything = ["directives:write"];
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => As(TestIdentity.ApiKeyWrittenUnsealed(everything)).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => As(TestIdentity.ApiKeySealedBy(Resources.Notifications, everything)).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        Assert.NotNull(await As(TestIdentity.ApiKeySealedBy(Resources.Directives, everything)).ListUnitsAsync(new ListUnitsRequest()));
    }

    [Fact]
    public async Task The_registry_never_returns_a_key_again_and_lists_revoked_keys_only_on_request()
    {
        var created = await _admin.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "Danh sách", Scopes = { "dossiers:read" }, RateLimitPerMinute = 120 });
        await _admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = created.ApiKey.KeyId });

        var active = await _admin.ListApiKeysAsync(new ListApiKeysRequest());
        var all = await _admin.ListApiKeysAsync(new ListApiKeysRequest { IncludeRevoked = true });

        Assert.StartsWith($"cchc_{created.ApiKey.KeyId}_", created.PlainKey);
        Assert.DoesNotContain(active.ApiKeys, k => k.KeyId == created.ApiKey.KeyId);
        var revoked = Assert.Single(all.ApiKeys, k => k.KeyId == created.ApiKey.KeyId);
        Assert.NotNull(revoked.RevokeTime);
        Assert.Equal(120, revoked.RateLimitPerMinute);
        Assert.DoesNotContain(created.PlainKey[^20..], all.ToString());
    }

    [Fact]
    public async Task Invalid_requests_name_their_fields_and_unknown_keys_are_not_found()
    {
        await RpcAssert.InvalidFields(() => _admin.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "", Scopes = { "everything" }, RateLimitPerMinute = -1 }).ResponseAsync,
            "name", "scopes[0]", "rate_limit_per_minute");
        await RpcAssert.FailsWith(StatusCode.NotFound, () => _admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = "000000000000" }).ResponseAsync);
    }

    [Fact]
    public async Task An_integrator_gets_a_key_over_REST_and_calls_with_it()
    {
        using var admin = fixture.CreateRestClient();
        var response = await admin.PostAsJsonAsync("/directives/v1/api-keys", new { name = "REST", scopes = new[] { "directives:read" } });
        var key = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plainKey").GetString()!;
        using var integrator = fixture.CreateRestClient(key);

        var units = await integrator.GetAsync("/directives/v1/units");

        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
    }
}
