using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Indexes.V1;
using Cchc.Testing;
using Grpc.Core;

namespace Cchc.Indexes.Tests;

public sealed class IndexFrameworkTests(IndexesFixture fixture) : IClassFixture<IndexesFixture>
{
    private readonly IndexFrameworkService.IndexFrameworkServiceClient _client = new(fixture.CreateChannel());

    private static decimal Points(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_four_governance_indexes_and_the_766_index_ship_with_the_service()
    {
        var frameworks = await _client.ListFrameworksAsync(new ListFrameworksRequest());

        Assert.Equal(["PAPI", "PAR_INDEX", "PCI", "SERVICE_766", "SIPAS"], frameworks.Frameworks.Select(f => f.Code));
    }

    [Fact]
    public async Task The_766_index_has_five_groups_whose_indicators_add_up_to_100_points()
    {
        var framework = (await _client.GetFrameworkAsync(new GetFrameworkRequest { Code = "SERVICE_766" })).Framework;

        Assert.Equal(["I", "II", "III", "IV", "V"], framework.Components.Select(c => c.Code));
        Assert.Equal(100m, framework.Components.Sum(c => Points(c.MaxScore)));
        Assert.All(framework.Components, group => Assert.Equal(Points(group.MaxScore), group.Children.Sum(i => Points(i.MaxScore))));
        Assert.Equal(20m, Points(framework.Components.Single(c => c.Code == "II").Children.Single(i => i.Code == "2.1").MaxScore));
    }

    [Fact]
    public async Task PAPI_has_eight_dimensions_of_ten_points_and_PCI_weights_add_up_to_100()
    {
        var papi = (await _client.GetFrameworkAsync(new GetFrameworkRequest { Code = "PAPI" })).Framework;
        var pci = (await _client.GetFrameworkAsync(new GetFrameworkRequest { Code = "PCI" })).Framework;

        Assert.Equal(8, papi.Components.Count);
        Assert.All(papi.Components, d => Assert.Equal(10m, Points(d.MaxScore)));
        Assert.Equal("80", papi.MaxTotal);
        Assert.Equal(100m, pci.Components.Sum(s => Points(s.MaxScore)));
        // The weights come from the 2016 handbook; later editions may differ.
        Assert.All(pci.Components, s => Assert.True(s.Unconfirmed));
    }

    [Fact]
    public async Task PAR_INDEX_fields_whose_maxima_are_not_published_are_marked_unconfirmed_without_a_score()
    {
        var par = (await _client.GetFrameworkAsync(new GetFrameworkRequest { Code = "PAR_INDEX" })).Framework;

        Assert.Equal(8, par.Components.Count);
        Assert.All(par.Components, f => Assert.True(f.Unconfirmed && f.MaxScore.Length == 0));
        Assert.Equal(ScoreScale.Percent, par.Scale);
    }

    [Fact]
    public async Task Unknown_frameworks_and_versions_are_not_found_and_negative_versions_invalid()
    {
        await RpcAssert.FailsWith(StatusCode.NotFound, () => _client.GetFrameworkAsync(new GetFrameworkRequest { Code = "DTI" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => _client.GetFrameworkAsync(new GetFrameworkRequest { Code = "PAPI", Version = 2 }).ResponseAsync);
        await RpcAssert.InvalidFields(() => _client.GetFrameworkAsync(new GetFrameworkRequest { Code = "PAPI", Version = -1 }).ResponseAsync, "version");
    }

    [Fact]
    public async Task A_restart_seeds_nothing_twice()
    {
        var before = (await _client.ListFrameworksAsync(new ListFrameworksRequest())).Frameworks.Sum(f => f.Components.Count);

        await using var restarted = fixture.StartInstance();
        var client = new IndexFrameworkService.IndexFrameworkServiceClient(IndexesFixture.CreateChannel(restarted, TestIdentity.Administrator));
        var after = (await client.ListFrameworksAsync(new ListFrameworksRequest())).Frameworks;

        Assert.Equal(5, after.Count);
        Assert.Equal(before, after.Sum(f => f.Components.Count));
    }

    [Fact]
    public async Task Frameworks_are_served_as_REST()
    {
        using var http = fixture.CreateRestClient();

        var body = await http.GetFromJsonAsync<JsonElement>("/indexes/v1/frameworks/SIPAS");

        Assert.Equal(5, body.GetProperty("framework").GetProperty("components").GetArrayLength());
    }
}
