using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Directives.Tests;

public sealed class OrganizationTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private readonly OrganizationService.OrganizationServiceClient _client = new(fixture.CreateChannel());

    private async Task<V1.Unit> Create(string code, string? parent = null, UnitKind kind = UnitKind.Division) =>
        (await _client.CreateUnitAsync(new CreateUnitRequest
        {
            Unit = new V1.Unit { Code = code, Name = $"Đơn vị {code}", Kind = kind, ParentCode = parent ?? "" },
        })).Unit;

    [Fact]
    public async Task A_unit_created_under_a_parent_is_found_in_the_parents_subtree_with_its_depth()
    {
        var root = await Create("T1", kind: UnitKind.Province);
        var agency = await Create("T1.SO", "T1", UnitKind.Agency);
        var office = await Create("T1.SO.VP", "T1.SO", UnitKind.Office);

        var children = await _client.ListUnitsAsync(new ListUnitsRequest { ParentCode = "T1" });
        var subtree = await _client.ListUnitsAsync(new ListUnitsRequest { ParentCode = "T1", IncludeDescendants = true });

        Assert.Equal(0, root.Depth);
        Assert.Equal(2, office.Depth);
        Assert.Equal("T1.SO", office.ParentCode);
        Assert.Equal(["T1.SO"], children.Units.Select(u => u.Code));
        Assert.Equal(["T1.SO", "T1.SO.VP"], subtree.Units.Select(u => u.Code));
        Assert.Equal(agency.Name, (await _client.GetUnitAsync(new GetUnitRequest { Code = "T1.SO" })).Unit.Name);
    }

    private Task<Official> Upsert(string id, string name, string unit, bool head = false, bool active = true, params string[] roles) =>
        _client.UpsertOfficialAsync(new UpsertOfficialRequest
        {
            Official = new Official
            {
                OfficialId = id, FullName = name, UnitCode = unit, Position = head ? "Trưởng phòng" : "Chuyên viên", UnitHead = head, Active = active,
                Roles = { roles.Length > 0 ? roles : [head ? "unit_head" : "processing_officer"] },
            },
        }).ResponseAsync;

    [Fact]
    public async Task Contacts_and_roles_of_officials_are_shown_only_to_their_own_agency_administrators_and_services()
    {
        await Create("T9", kind: UnitKind.Province);
        await Create("T9.SO", "T9", UnitKind.Agency);
        await Create("T9.SO.QLCN", "T9.SO", UnitKind.Division);
        await _client.UpsertOfficialAsync(new UpsertOfficialRequest { Official = new Official
        {
            OfficialId = "t9-head", FullName = "Phan Văn Minh", UnitCode = "T9.SO.QLCN", Position = "Trưởng phòng", UnitHead = true, Active = true,
            Email = "minh.pv@t9.gov.vn", Phone = "0912345678", Roles = { "unit_head" },
        } });
        OrganizationService.OrganizationServiceClient As(string token) => new(fixture.CreateChannel(token));
        async Task<Official> Listed(string token) =>
            (await As(token).ListOfficialsAsync(new ListOfficialsRequest { UnitCode = "T9.SO.QLCN" })).Officials.Single();

        var toIntegrator = await Listed(TestIdentity.Token(Roles.Integrator));
        var toOtherAgency = await Listed(TestIdentity.Token(Roles.Leadership, "T9X.SO.BGD", "T9X.SO"));
        var toOtherAgencyById = await As(TestIdentity.Token(Roles.Leadership, "T9X.SO.BGD", "T9X.SO")).GetOfficialAsync(new GetOfficialRequest { OfficialId = "t9-head" });
        var toOwnAgency = await Listed(TestIdentity.Token(Roles.DeskOfficer, "T9.SO.MC", "T9.SO"));
        var toService = await Listed(TestIdentity.ServiceToken(Cchc.ServiceDefaults.Resources.Notifications));
        var toAdministrator = await Listed(TestIdentity.Administrator);

        foreach (var hidden in new[] { toIntegrator, toOtherAgency, toOtherAgencyById })
        {
            Assert.Equal(("Phan Văn Minh", "T9.SO.QLCN", "Trưởng phòng", true), (hidden.FullName, hidden.UnitCode, hidden.Position, hidden.UnitHead));
            Assert.Equal(("", ""), (hidden.Email, hidden.Phone));
            Assert.Empty(hidden.Roles);
        }
        foreach (var shown in new[] { toOwnAgency, toService, toAdministrator })
        {
            Assert.Equal(("minh.pv@t9.gov.vn", "0912345678"), (shown.Email, shown.Phone));
            Assert.Equal(["unit_head"], shown.Roles);
        }
    }

    [Fact]
    public async Task Officials_belong_to_a_unit_one_of_them_heads_it_and_units_show_their_head()
    {
        await Create("T7", kind: UnitKind.Province);
        await Create("T7.SO", "T7", UnitKind.Agency);
        await Create("T7.SO.QLCN", "T7.SO", UnitKind.Division);
        await Upsert("t7-head", "Nguyễn Văn Hải", "T7.SO.QLCN", head: true);
        await Upsert("t7-officer", "Lê Thị Thu", "T7.SO.QLCN");
        await Upsert("t7-director", "Trần Quốc Tuấn", "T7.SO", head: true, roles: ["leadership", "unit_head"]);

        var unit = (await _client.GetUnitAsync(new GetUnitRequest { Code = "T7.SO.QLCN" })).Unit;
        Assert.Equal(("t7-head", "Nguyễn Văn Hải"), (unit.HeadOfficialId, unit.HeadName));
        Assert.Equal("t7-director", (await _client.ListUnitsAsync(new ListUnitsRequest { ParentCode = "T7" })).Units.Single().HeadOfficialId);
        Assert.Equal(["t7-head", "t7-officer"], (await _client.ListOfficialsAsync(new ListOfficialsRequest { UnitCode = "T7.SO.QLCN" })).Officials.Select(o => o.OfficialId));
        Assert.Equal(["t7-director", "t7-head", "t7-officer"],
            (await _client.ListOfficialsAsync(new ListOfficialsRequest { UnitCode = "T7.SO", IncludeSubUnits = true })).Officials.Select(o => o.OfficialId));
        Assert.Equal(["leadership", "unit_head"], (await _client.GetOfficialAsync(new GetOfficialRequest { OfficialId = "t7-director" })).Roles);

        // A second head is refused until the first one steps down; then the new one is recorded.
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Upsert("t7-officer", "Lê Thị Thu", "T7.SO.QLCN", head: true));
        Assert.False((await _client.GetOfficialAsync(new GetOfficialRequest { OfficialId = "t7-officer" })).UnitHead);
        await Upsert("t7-head", "Nguyễn Văn Hải", "T7.SO.QLCN", head: false);
        await Upsert("t7-officer", "Lê Thị Thu", "T7.SO.QLCN", head: true, roles: ["unit_head"]);
        Assert.Equal("t7-officer", (await _client.GetUnitAsync(new GetUnitRequest { Code = "T7.SO.QLCN" })).Unit.HeadOfficialId);
    }

    [Fact]
    public async Task An_official_needs_a_known_unit_and_officials_roles()
    {
        await RpcAssert.InvalidFields(() => _client.UpsertOfficialAsync(new UpsertOfficialRequest
        {
            Official = new Official { OfficialId = "x1", FullName = "", UnitCode = "NO.SUCH", Roles = { "integrator", "wizard" } },
        }).ResponseAsync, "official.full_name", "official.roles");
        await RpcAssert.InvalidFields(() => Upsert("x2", "Phạm Văn Nam", "NO.SUCH.UNIT"), "official.unit_code");
        await RpcAssert.FailsWith(StatusCode.NotFound, () => _client.GetOfficialAsync(new GetOfficialRequest { OfficialId = "x2" }).ResponseAsync);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var violations = await RpcAssert.InvalidFields(
            () => _client.CreateUnitAsync(new CreateUnitRequest { Unit = new V1.Unit { Code = "bad code", Name = " " } }).ResponseAsync,
            "unit.code", "unit.name", "unit.kind");

        Assert.Contains(violations.FieldViolations, v => v.Field == "unit.code" && v.Description.Contains("upper-case"));
    }

    [Fact]
    public async Task A_missing_parent_is_an_invalid_argument_and_nothing_is_stored()
    {
        await RpcAssert.InvalidFields(() => Create("T2.ORPHAN", "T2"), "unit.parent_code");

        await RpcAssert.FailsWith(StatusCode.NotFound, () => _client.GetUnitAsync(new GetUnitRequest { Code = "T2.ORPHAN" }).ResponseAsync);
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_and_the_stored_unit_is_unchanged()
    {
        await Create("T3", kind: UnitKind.Province);

        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => _client.CreateUnitAsync(new CreateUnitRequest
        {
            Unit = new V1.Unit { Code = "T3", Name = "Tên khác", Kind = UnitKind.Commune },
        }).ResponseAsync);

        Assert.Equal("T3", status.GetDetail<ResourceInfo>()?.ResourceName);
        var stored = (await _client.GetUnitAsync(new GetUnitRequest { Code = "T3" })).Unit;
        Assert.Equal(("Đơn vị T3", UnitKind.Province), (stored.Name, stored.Kind));
    }

    [Fact]
    public async Task An_unknown_unit_is_not_found_with_the_resource_named()
    {
        var status = await RpcAssert.FailsWith(StatusCode.NotFound, () => _client.GetUnitAsync(new GetUnitRequest { Code = "NO.SUCH" }).ResponseAsync);

        Assert.Equal("NO.SUCH", status.GetDetail<ResourceInfo>()?.ResourceName);
    }

    [Fact]
    public async Task Paging_returns_every_unit_once_in_path_order()
    {
        await Create("T4", kind: UnitKind.Province);
        foreach (var i in Enumerable.Range(1, 5))
        {
            await Create($"T4.U{i}", "T4");
        }

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await _client.ListUnitsAsync(new ListUnitsRequest { ParentCode = "T4", PageSize = 2, PageToken = token });
            Assert.True(page.Units.Count <= 2);
            seen.AddRange(page.Units.Select(u => u.Code));
            token = page.NextPageToken;
        } while (token.Length > 0);

        Assert.Equal(["T4.U1", "T4.U2", "T4.U3", "T4.U4", "T4.U5"], seen);
    }

    [Fact]
    public async Task A_forged_page_token_is_an_invalid_argument()
    {
        await RpcAssert.InvalidFields(() => _client.ListUnitsAsync(new ListUnitsRequest { PageToken = "not-a-token!" }).ResponseAsync, "page_token");
    }

    [Fact]
    public async Task The_registry_is_served_as_REST_with_errors_as_google_rpc_status()
    {
        await Create("T5", kind: UnitKind.Province);
        using var http = fixture.CreateRestClient();

        var unit = await http.GetFromJsonAsync<JsonElement>("/directives/v1/units/T5");
        var created = await http.PostAsJsonAsync("/directives/v1/units", new { code = "T5.X", name = "Phòng X", kind = "UNIT_KIND_DIVISION", parentCode = "T5" });
        var missing = await RpcAssert.RestFails(await http.GetAsync("/directives/v1/units/T5.NONE"), HttpStatusCode.NotFound);
        var invalid = await RpcAssert.RestFails(await http.PostAsJsonAsync("/directives/v1/units", new { code = "x" }), HttpStatusCode.BadRequest);

        Assert.Equal("UNIT_KIND_PROVINCE", unit.GetProperty("unit").GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(5, missing.GetProperty("code").GetInt32());
        Assert.Contains("T5.NONE", missing.GetProperty("details")[0].GetProperty("resourceName").GetString());
        Assert.Contains(invalid.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray(),
            v => v.GetProperty("field").GetString() == "unit.name");
    }

    [Fact]
    public async Task REST_errors_are_problem_details_with_the_gRPC_code_field_errors_and_correlation_id()
    {
        using var http = fixture.CreateRestClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/directives/v1/units") { Content = JsonContent.Create(new { code = "x", kind = "UNIT_KIND_OFFICE" }) };
        request.Headers.Add("x-correlation-id", "kiem-tra-123");

        var response = await http.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("kiem-tra-123", response.Headers.GetValues("x-correlation-id").Single());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", problem.GetProperty("title").GetString());
        Assert.Equal(3, problem.GetProperty("code").GetInt32());
        Assert.Equal("kiem-tra-123", problem.GetProperty("correlationId").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("unit.name", out var nameErrors));
        Assert.Equal("is required", nameErrors[0].GetString());
    }

    [Fact]
    public async Task An_anonymous_REST_call_gets_a_401_problem_and_a_gRPC_call_UNAUTHENTICATED()
    {
        using var http = fixture.CreateRestClient(token: null);
        var anonymous = new OrganizationService.OrganizationServiceClient(fixture.CreateChannel(token: null));

        var response = await http.GetAsync("/directives/v1/units");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", problem.GetProperty("title").GetString());
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => anonymous.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
    }

    [Fact]
    public async Task A_gRPC_call_gets_its_correlation_id_back_as_a_response_header()
    {
        var call = _client.GetUnitAsync(new GetUnitRequest { Code = "QT.NONE" }, new Metadata { { "x-correlation-id", "grpc-456" } });

        await RpcAssert.FailsWith(StatusCode.NotFound, () => call.ResponseAsync);
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("grpc-456", headers.GetValue("x-correlation-id"));
    }
}

public sealed class DemoOrganizationTests(DevelopmentDirectivesFixture fixture) : IClassFixture<DevelopmentDirectivesFixture>
{
    [Fact]
    public async Task Development_starts_with_the_Department_of_Science_and_Technology_of_Quang_Tri_and_its_units()
    {
        var client = new OrganizationService.OrganizationServiceClient(fixture.CreateChannel());

        var department = (await client.GetUnitAsync(new GetUnitRequest { Code = "QT.SKHCN" })).Unit;
        var units = await client.ListUnitsAsync(new ListUnitsRequest { ParentCode = "QT.SKHCN" });

        Assert.Equal("Sở Khoa học và Công nghệ tỉnh Quảng Trị", department.Name);
        Assert.Contains(units.Units, u => u.Code == "QT.SKHCN.VP" && u.Kind == UnitKind.Office);
        Assert.Contains(units.Units, u => u.Code == "QT.SKHCN.CCTDC" && u.Kind == UnitKind.SubDepartment);
    }
}

public sealed class UnitCodeTests
{
    [Theory]
    [InlineData("QT", true)]
    [InlineData("QT.SKHCN.VP", true)]
    [InlineData("H48.01", true)]
    [InlineData("qt.skhcn", false)]
    [InlineData("QT..VP", false)]
    [InlineData(".QT", false)]
    [InlineData("QT-SKHCN", false)]
    [InlineData("", false)]
    public void Unit_codes_are_upper_case_dot_separated_parts(string code, bool valid) =>
        Assert.Equal(valid, Organization.Unit.IsValidCode(code));
}
