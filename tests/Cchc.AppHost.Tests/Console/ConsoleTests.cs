using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cchc.AppHost.Tests.Console;

/// <summary>The officials' console in a real headless browser (Debian's chromium) against the running stack.</summary>
[Collection(WholeStack.Name)]
public sealed class ConsoleTests(StackFixture stack, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Where Debian puts chromium; Playwright drives it and never downloads a browser.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (.ci/run does).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
    }

    public async Task DisposeAsync()
    {
        // Closes chromium and the driver, pass or fail.
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    private ConsoleJourneys Journeys => new(_browser, stack.Stack.Console);

    [Fact]
    public async Task A_dossier_goes_from_the_desk_to_the_processing_unit_back_to_the_applicant_who_looks_it_up_and_rates_it_and_its_electronic_result_is_there_at_their_next_intake()
    {
        var receipt = await Journeys.DeskReceivesAndHandsOverAsync("1.000901");
        // A working day's list: at least 50 open dossiers, so its first page is full when its paint is measured.
        Assert.True(await OpenDossiers.FillProcessingListAsync(stack.Stack, "1.000901", 50) >= 50);
        var listPainted = await Journeys.ProcessingUnitCompletesAsync(receipt.Code);
        // Logged, not asserted: the figure depends on the machine's load.
        output.WriteLine($"The processing unit's list painted its first {listPainted.Rows} dossiers in {listPainted.Elapsed.TotalMilliseconds:0} ms " +
            $"({listPainted.SinceNavigation.TotalMilliseconds:0} ms after the browser's navigation start).");
        await Journeys.DeskHandsOverResultAsync(receipt.Code);
        await Journeys.CitizenLooksUpAndRatesAsync(receipt);
        await Journeys.DeskSeesTheApplicantsEarlierPapersAsync("1.000901", ConsoleJourneys.Applicant, receipt.Code);
    }

    [Fact]
    public async Task The_desk_accepts_an_online_submission_and_guides_another_to_a_supplement_it_then_receives()
    {
        var accepted = await OpenDossiers.SubmitOnlineAsync(stack.Stack, "1.000901");
        var guided = await OpenDossiers.SubmitOnlineAsync(stack.Stack, "1.000901");
        await Journeys.DeskChecksOnlineSubmissionsAsync(accepted, guided);
    }

    [Fact]
    public async Task The_processing_unit_attaches_a_scan_asks_a_supplement_transfers_to_another_agency_whose_official_sees_it_and_issues_an_apology_letter()
    {
        var code = await OpenDossiers.AtTheProcessingUnitAsync(stack.Stack, "1.000901");
        await Journeys.ProcessingUnitWorksADossierAsync(code, due => OpenDossiers.WorkingDaysAfterAsync(stack.Stack, due, 2));
    }

    [Fact]
    public Task Leadership_sees_unit_rates_the_766_index_and_the_rank_history_as_charts() => Journeys.LeadershipSeesTheDashboardAsync();

    [Fact]
    public Task An_official_follows_the_inbox_live_with_its_unread_count() => Journeys.OfficialOpensTheInboxAsync();

    [Fact]
    public Task The_follow_up_office_chases_up_a_late_task() => Journeys.FollowUpOfficeChasesUpALateTaskAsync();
}
