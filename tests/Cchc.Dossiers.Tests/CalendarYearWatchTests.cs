using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Dossiers.Tests;

/// <summary>From 1 November the coming year must have its official schedule; if not, the feed says so once.</summary>
public sealed class CalendarYearWatchTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private readonly DossierScenario _scenario = new(fixture);

    private Task<int?> CheckAsync() => fixture.Clocked.Services.GetRequiredService<CalendarYearWatch>().CheckAsync(CancellationToken.None);

    private async Task<List<DossierChange>> CalendarEventsAsync()
    {
        var feed = new DossierChangeFeed.DossierChangeFeedClient(fixture.ClockedChannel(DossierScenario.Integrator));
        var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = 0, PageSize = 500 });
        return page.Changes.Where(c => c.Type == "calendar.year_provisional").ToList();
    }

    [Fact]
    public async Task From_1_November_Vietnam_time_a_provisional_coming_year_is_announced_once_and_a_confirmed_one_never()
    {
        // 31 October 2027, 23:59 in Vietnam (16:59 UTC): not yet.
        _scenario.At(2027, 10, 31, 23, 59);
        var early = await CheckAsync();
        // 1 November 2027 00:01 in Vietnam, still 31 October in UTC.
        _scenario.At(2027, 11, 1, 0, 1);
        var first = await CheckAsync();
        _scenario.At(2027, 11, 2, 9, 0);
        var again = await CheckAsync();

        Assert.Null(early);
        Assert.Equal(2028, first);
        Assert.Null(again);
        var change = Assert.Single(await CalendarEventsAsync());
        Assert.Equal("", change.DossierCode);
        Assert.Equal(2028, change.Payload.Fields["year"].NumberValue);
        Assert.Equal("administrator", change.Payload.Fields["audience"].StringValue);
        Assert.Equal("01/11/2027", change.Payload.Fields["notice_date"].StringValue);
        Assert.Contains("25/01/2028 (Tết Nguyên đán Mậu Thân)", change.Payload.Fields["derived_days"].StringValue);
        Assert.Equal(11, change.Payload.Fields["derived_day_count"].NumberValue);

        // 2026 is shipped as official: on 1 November 2025 nothing is announced for it.
        _scenario.At(2025, 11, 1, 9, 0);
        Assert.Null(await CheckAsync());
        Assert.Single(await CalendarEventsAsync());
    }
}
