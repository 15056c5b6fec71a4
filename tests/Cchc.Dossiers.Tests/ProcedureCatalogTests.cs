using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Dossiers.Tests;

public sealed class ProcedureCatalogTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private readonly ProcedureCatalog.ProcedureCatalogClient _client = new(fixture.CreateChannel());

    private static Procedure Valid(string code, string field = "An toàn bức xạ và hạt nhân") => new()
    {
        Code = code,
        Name = "Khai báo thiết bị X-quang chẩn đoán trong y tế",
        Field = field,
        AgencyCode = "QT.SKHCN",
        ProcessingUnitCode = "QT.SKHCN.QLCN",
        StatutoryTime = new StatutoryTime { Amount = "5", Unit = DurationUnit.WorkingDays },
        FeeVnd = 0,
        OnlineLevel = OnlineLevel.Full,
    };

    [Fact]
    public async Task A_created_procedure_is_read_back_as_version_1_with_its_statutory_time()
    {
        var input = Valid("9.000001");
        input.StatutoryTime = new StatutoryTime { Amount = "4.5", Unit = DurationUnit.WorkingHours };

        await _client.CreateProcedureAsync(new CreateProcedureRequest { Procedure = input });
        var stored = (await _client.GetProcedureAsync(new GetProcedureRequest { Code = "9.000001" })).Procedure;

        Assert.Equal(1, stored.Version);
        Assert.Equal("4.5", stored.StatutoryTime.Amount);
        Assert.Equal(DurationUnit.WorkingHours, stored.StatutoryTime.Unit);
        Assert.Equal(OnlineLevel.Full, stored.OnlineLevel);
        Assert.Equal("QT.SKHCN.QLCN", stored.ProcessingUnitCode);
    }

    [Fact]
    public async Task Invalid_codes_times_and_levels_are_reported_field_by_field()
    {
        var input = Valid("2000815");
        input.StatutoryTime = new StatutoryTime { Amount = "abc", Unit = DurationUnit.Unspecified };
        input.OnlineLevel = OnlineLevel.Unspecified;
        input.FeeVnd = -1;

        await RpcAssert.InvalidFields(() => _client.CreateProcedureAsync(new CreateProcedureRequest { Procedure = input }).ResponseAsync,
            "procedure.code", "procedure.statutory_time.amount", "procedure.statutory_time.unit", "procedure.online_level", "procedure.fee_vnd");
    }

    [Fact]
    public async Task Fractional_days_are_refused_because_only_working_hours_may_be_fractional()
    {
        var input = Valid("9.000002");
        input.StatutoryTime = new StatutoryTime { Amount = "2.5", Unit = DurationUnit.WorkingDays };

        await RpcAssert.InvalidFields(() => _client.CreateProcedureAsync(new CreateProcedureRequest { Procedure = input }).ResponseAsync,
            "procedure.statutory_time.amount");
    }

    [Fact]
    public async Task Creating_an_existing_code_is_refused_and_the_stored_version_is_unchanged()
    {
        await _client.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Valid("9.000003") });
        var again = Valid("9.000003");
        again.Name = "Tên khác";

        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists,
            () => _client.CreateProcedureAsync(new CreateProcedureRequest { Procedure = again }).ResponseAsync);

        Assert.Equal("9.000003", status.GetDetail<ResourceInfo>()?.ResourceName);
        Assert.Equal(Valid("9.000003").Name, (await _client.GetProcedureAsync(new GetProcedureRequest { Code = "9.000003" })).Procedure.Name);
    }

    [Fact]
    public async Task Listing_by_field_pages_through_every_procedure_of_that_field_once()
    {
        foreach (var i in Enumerable.Range(10, 5))
        {
            await _client.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Valid($"8.0000{i}", "Sở hữu trí tuệ") });
        }
        await _client.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Valid("8.000099", "Hoạt động khoa học và công nghệ") });

        var codes = new List<string>();
        var token = "";
        do
        {
            var page = await _client.ListProceduresAsync(new ListProceduresRequest { Field = "Sở hữu trí tuệ", PageSize = 2, PageToken = token });
            codes.AddRange(page.Procedures.Select(p => p.Code));
            token = page.NextPageToken;
        } while (token.Length > 0);

        Assert.Equal(["8.000010", "8.000011", "8.000012", "8.000013", "8.000014"], codes);
    }

    [Fact]
    public async Task The_catalogue_is_served_as_REST_and_a_missing_procedure_is_a_404_with_details()
    {
        await _client.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Valid("9.000004") });
        using var http = fixture.CreateRestClient();

        var procedure = await http.GetFromJsonAsync<JsonElement>("/dossiers/v1/procedures/9.000004");
        var missing = await RpcAssert.RestFails(await http.GetAsync("/dossiers/v1/procedures/9.999999"), HttpStatusCode.NotFound);

        Assert.Equal("DURATION_UNIT_WORKING_DAYS", procedure.GetProperty("procedure").GetProperty("statutoryTime").GetProperty("unit").GetString());
        Assert.Equal("9.999999", missing.GetProperty("details")[0].GetProperty("resourceName").GetString());
    }
}
