using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cchc.AppHost.Tests.Console;

/// <summary>
/// The officials' console as people use it, in a real headless browser (Debian's chromium) against
/// the running stack. Each journey signs in as the demo official the AppHost issued a token for.
/// </summary>
public sealed class ConsoleJourneys(IBrowser browser, Uri console)
{
    public sealed record Receipt(string Code, string Secret);

    /// <summary>
    /// How long the processing list took to show its first page of dossiers, measured by the test (from asking for
    /// the page) and by the browser (from its navigation start), and how many rows that page held.
    /// </summary>
    /// <summary>The citizen identity number of the applicant of the desk's journey.</summary>
    public const string Applicant = "038190000123";

    public sealed record ListPaint(TimeSpan Elapsed, TimeSpan SinceNavigation, int Rows);

    public async Task<IPage> SignedInAsync(string role, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.ToString(), Locale = "vi-VN", TimezoneId = "Asia/Ho_Chi_Minh" });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        // Not signed in: the console sends the official to the sign-in page, and back after it.
        await page.WaitForURLAsync("**/dang-nhap**");
        // The first page after signing in may be the first request a service serves after the stack started.
        await page.ClickAsync($"[data-testid=signin-{role}]", new PageClickOptions { Timeout = 120_000 });
        // Back at the page (its address is enough: that the page is live is what WaitInteractiveAsync waits for; the
        // browser's load event after the sign-in's redirect was once not seen in two minutes on a loaded machine).
        await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"), new PageWaitForURLOptions { Timeout = 120_000, WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("[data-interactive]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        return page;
    }

    /// <summary>
    /// Narrows a list with its filter. Pages render once, in their circuit (no prerender), so what is typed
    /// once the page is live stays typed; the list may still be loading, and the row is waited for.
    /// </summary>
    public static async Task FilterAsync(IPage page, string text, string shown)
    {
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=dossier-table] input").First.FillAsync(text);
        // A dossier code matches one row: the table has applied the filter (and settled) before anything in it is clicked.
        await Assertions.Expect(page.Locator("[data-testid=dossier-link]")).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 90_000 });
        await page.WaitForSelectorAsync(shown);
    }

    /// <summary>Blazor Server has connected the page's circuit, so clicks reach the server.</summary>
    public static async Task WaitInteractiveAsync(IPage page)
    {
        await page.WaitForSelectorAsync("[data-interactive]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>The desk receives a dossier: the form keeps what was typed when the service refuses it, the slip prints code, appointment and lookup secret.</summary>
    public async Task<Receipt> DeskReceivesAndHandsOverAsync(string procedureCode)
    {
        var page = await SignedInAsync("desk_officer", "/mot-cua/tiep-nhan");
        await page.WaitForSelectorAsync("[data-testid=procedures-loaded]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.FillAsync("[data-testid=procedure-picker]", procedureCode);
        // The list opens with every procedure and narrows as the search runs: the procedure is picked by its code.
        await page.Locator($".mud-popover-open .mud-list-item:has-text('{procedureCode} —')").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=procedure-facts]");
        Assert.Contains("ngày làm việc", await page.InnerTextAsync("[data-testid=statutory-time]"), StringComparison.Ordinal);
        Assert.Contains("1.000.000 đồng", await page.InnerTextAsync("[data-testid=fees]"), StringComparison.Ordinal);

        await page.FillAsync("[data-testid=applicant-id]", "12345");
        await page.FillAsync("[data-testid=applicant-name]", "Nguyễn Thị Thu");
        await page.FillAsync("[data-testid=applicant-phone]", "0912345678");
        await page.FillAsync("[data-testid=applicant-address]", "12 Lê Lợi, Đông Hà, Quảng Trị");
        await page.ClickAsync("[data-testid=receive]");

        // INVALID_ARGUMENT on the identity number: said in Vietnamese next to the field, nothing typed lost.
        await page.WaitForSelectorAsync("[data-testid=problem]");
        Assert.Contains("Số CCCD / mã số thuế", await page.InnerTextAsync(".mud-input-control:has([data-testid=applicant-id])"), StringComparison.Ordinal);
        Assert.Equal("Nguyễn Thị Thu", await page.InputValueAsync("[data-testid=applicant-name]"));
        Assert.Equal("0912345678", await page.InputValueAsync("[data-testid=applicant-phone]"));

        await page.FillAsync("[data-testid=applicant-id]", Applicant);
        await page.ClickAsync("[data-testid=receive]");
        var slip = await page.WaitForSelectorAsync("[data-testid=receipt-slip]");
        var code = (await page.InnerTextAsync("[data-testid=slip-code]")).Trim();
        var secret = (await page.InnerTextAsync("[data-testid=slip-secret]")).Trim();
        Assert.Matches(@"^QT\.SKHCN-\d{6}-\d{4}$", code);
        Assert.Matches(@"^\d{2}:\d{2} ngày \d{2}/\d{2}/\d{4}$", (await page.InnerTextAsync("[data-testid=slip-due]")).Trim());
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", await slip!.InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("[data-testid=hand-over]");
        await page.WaitForSelectorAsync("[data-testid=handed-over]");
        await page.Context.CloseAsync();
        return new Receipt(code, secret);
    }

    /// <summary>The processing unit finds the dossier in its list (sorted by appointment, marked), opens its record and returns the result to the desk.</summary>
    public async Task<ListPaint> ProcessingUnitCompletesAsync(string code)
    {
        var page = await SignedInAsync("processing_officer", "/");
        // The first meaningful paint: from asking for the page to its first page of dossiers on screen, each with its mark.
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/xu-ly");
        await page.WaitForSelectorAsync("[data-testid=dossier-link]");
        var listPainted = watch.Elapsed;
        // The same seen by the browser: since the navigation to /xu-ly started (its performance clock's origin).
        var sinceNavigation = TimeSpan.FromMilliseconds(await page.EvaluateAsync<double>("() => performance.now()"));
        var rows = await page.Locator("[data-testid=dossier-link]").CountAsync();
        Assert.True(rows > 0 && rows <= 50, $"The list shows its first page of at most 50 dossiers, not {rows}.");
        Assert.Equal(rows, await page.Locator("[data-testid=due-mark]").CountAsync());

        await FilterAsync(page, code, $"[data-testid=dossier-link]:text-is('{code}')");
        await page.ClickAsync($"[data-testid=dossier-link]:text-is('{code}')");
        await page.WaitForURLAsync($"**/ho-so/{code}");
        await page.WaitForSelectorAsync("[data-testid=actions]");
        await WaitInteractiveAsync(page);
        Assert.Equal("Đang xử lý", (await page.InnerTextAsync("[data-testid=dossier-status]")).Trim());
        await page.ClickAsync(".mud-tab:has-text('Quá trình xử lý')");
        Assert.Contains("Chuyển phòng chuyên môn xử lý", await page.InnerTextAsync("[data-testid=steps]"), StringComparison.Ordinal);

        // The electronic result, attached before the result goes back to the desk: the record names it and the
        // browser saves the very file.
        var result = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% Ket qua dien tu {code} {Guid.NewGuid()}\n%%EOF\n");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=result-file]')?._blazorInputFileNextFileId !== undefined");
        await page.SetInputFilesAsync("[data-testid=result-file]", new FilePayload { Name = ResultFileName(code), MimeType = "application/pdf", Buffer = result });
        await page.WaitForSelectorAsync($"[data-testid=result-document]:has-text('tệp {ResultFileName(code)}')");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=result-download]"));
        Assert.Equal(ResultFileName(code), download.SuggestedFilename);
        await using (var saved = await download.CreateReadStreamAsync())
        using (var copy = new MemoryStream())
        {
            await saved.CopyToAsync(copy);
            Assert.Equal(result, copy.ToArray());
        }

        await page.ClickAsync("[data-testid=action-CompleteResult]");
        await page.ClickAsync("[data-testid=action-confirm]");
        await page.WaitForSelectorAsync("[data-testid=dossier-status]:text-is('Đã xử lý xong')");
        await page.Context.CloseAsync();
        return new ListPaint(listPainted, sinceNavigation, rows);
    }

    /// <summary>The name the journey gives the electronic result of a dossier.</summary>
    public static string ResultFileName(string code) => $"ket-qua-{code}.pdf";

    /// <summary>
    /// At a new intake for the same applicant, once the identity number is typed, the desk sees what the agency has
    /// digitised for them already: the electronic result of their earlier dossier among it.
    /// </summary>
    public async Task DeskSeesTheApplicantsEarlierPapersAsync(string procedureCode, string identityNumber, string earlierCode)
    {
        var page = await SignedInAsync("desk_officer", "/mot-cua/tiep-nhan");
        await page.WaitForSelectorAsync("[data-testid=procedures-loaded]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.FillAsync("[data-testid=procedure-picker]", procedureCode);
        await page.Locator($".mud-popover-open .mud-list-item:has-text('{procedureCode} —')").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=procedure-facts]");
        await page.FillAsync("[data-testid=applicant-id]", identityNumber);
        await page.PressAsync("[data-testid=applicant-id]", "Tab");
        var earlier = page.Locator($"[data-testid=earlier-paper]:has-text('{ResultFileName(earlierCode)}')");
        await Assertions.Expect(earlier).ToHaveCountAsync(1);
        Assert.Contains(earlierCode, await earlier.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("(kết quả)", await earlier.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(@"\d{2}/\d{2}/\d{4}", await earlier.InnerTextAsync());
        // Typed input stays as typed.
        Assert.Equal(identityNumber, await page.InputValueAsync("[data-testid=applicant-id]"));
        await page.Context.CloseAsync();
    }

    /// <summary>The desk sees the result ready and hands it over to the applicant.</summary>
    public async Task DeskHandsOverResultAsync(string code)
    {
        var page = await SignedInAsync("desk_officer", "/mot-cua");
        await FilterAsync(page, code, $"[data-testid='return-{code}']");
        await page.ClickAsync($"[data-testid='return-{code}']");
        await page.WaitForSelectorAsync($"text=Trả kết quả cho công dân: hồ sơ {code}");
        await page.Context.CloseAsync();
    }

    /// <summary>Opens one of the desk's queues on /mot-cua and narrows it to the dossier.</summary>
    private static async Task DeskQueueAsync(IPage page, string tab, string code, string shown)
    {
        await WaitInteractiveAsync(page);
        await page.ClickAsync($".mud-tab:has-text('{tab}')");
        // The queue's own table, not the one of the tab open before: the switch is a round trip to the circuit.
        await page.WaitForSelectorAsync($".mud-tab.mud-tab-active:has-text('{tab}')");
        await FilterAsync(page, code, shown);
    }

    /// <summary>
    /// The desk checks the online submissions: accepts one (its clock starts), opens another and guides the applicant
    /// to supplement it, and once the supplement comes, receives it (the dossier goes on to the processing unit).
    /// </summary>
    public async Task DeskChecksOnlineSubmissionsAsync(string accepted, string guided)
    {
        var page = await SignedInAsync("desk_officer", "/mot-cua");
        await DeskQueueAsync(page, "Nộp trực tuyến chờ kiểm tra", accepted, $"[data-testid='accept-{accepted}']");
        await page.ClickAsync($"[data-testid='accept-{accepted}']");
        await page.WaitForSelectorAsync($"text=Tiếp nhận: hồ sơ {accepted}.");

        await FilterAsync(page, guided, $"[data-testid='check-{guided}']");
        await page.ClickAsync($"[data-testid='check-{guided}']");
        await page.WaitForURLAsync($"**/ho-so/{guided}");
        await page.WaitForSelectorAsync("[data-testid=actions]");
        await WaitInteractiveAsync(page);
        Assert.Equal("Mới đăng ký", (await page.InnerTextAsync("[data-testid=dossier-status]")).Trim());
        await page.ClickAsync("[data-testid=action-RequestSupplement]");
        await page.FillAsync("[data-testid=action-reason]", "Thiếu bản sao giấy chứng nhận đăng ký doanh nghiệp.");
        await page.FillAsync("[data-testid=action-supplement]", "Bổ sung bản sao có chứng thực giấy chứng nhận đăng ký doanh nghiệp.");
        await page.ClickAsync("[data-testid=action-confirm]");
        await page.WaitForSelectorAsync("[data-testid=dossier-status]:text-is('Yêu cầu bổ sung giấy tờ')");

        await page.GotoAsync("/mot-cua");
        await DeskQueueAsync(page, "Chờ công dân bổ sung", guided, $"[data-testid='supplemented-{guided}']");
        await page.ClickAsync($"[data-testid='supplemented-{guided}']");
        await page.WaitForSelectorAsync($"text=Đã nhận bổ sung: hồ sơ {guided}.");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The processing unit works a dossier: attaches the scan of a paper, asks for a supplement (the desk receives
    /// it), sends the dossier to another agency and records it back, and issues the apology-and-new-appointment
    /// letter for a dossier that will be late.
    /// </summary>
    public async Task ProcessingUnitWorksADossierAsync(string code, Func<DateTimeOffset, Task<DateOnly>> newAppointmentAfter)
    {
        var page = await OpenRecordAsync(await SignedInAsync("processing_officer", "/"), code);

        // A scan of the first paper: attached, the paper reads digitised. The file input listens for the choice only
        // once Blazor's InputFile script has set it up after the record rendered (it marks the element then; the
        // marker is Blazor's own, so a framework upgrade may rename it).
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=scan-0]')?._blazorInputFileNextFileId !== undefined");
        await page.SetInputFilesAsync("[data-testid=scan-0]", new FilePayload
        {
            Name = "don-de-nghi.pdf", MimeType = "application/pdf",
            Buffer = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% Ban quet don de nghi {code} {Guid.NewGuid()}\n%%EOF\n"),
        });
        await page.WaitForSelectorAsync("[data-testid=paper-digitised-0]:text-is('Đã số hóa')");

        // A supplement round trip: the unit asks, the desk receives it.
        await page.ClickAsync("[data-testid=action-RequestSupplement]");
        await page.FillAsync("[data-testid=action-reason]", "Cần làm rõ nội dung hợp đồng.");
        await page.FillAsync("[data-testid=action-supplement]", "Bổ sung phụ lục hợp đồng chuyển giao công nghệ.");
        await page.ClickAsync("[data-testid=action-confirm]");
        await page.WaitForSelectorAsync("[data-testid=dossier-status]:text-is('Yêu cầu bổ sung giấy tờ')");
        var desk = await SignedInAsync("desk_officer", "/mot-cua");
        await DeskQueueAsync(desk, "Chờ công dân bổ sung", code, $"[data-testid='supplemented-{code}']");
        await desk.ClickAsync($"[data-testid='supplemented-{code}']");
        await desk.WaitForSelectorAsync($"text=Đã nhận bổ sung: hồ sơ {code}.");
        await desk.Context.CloseAsync();

        // Inter-agency: to the provincial People's Committee and back.
        page = await OpenRecordAsync(page, code);
        Assert.Equal("Đang xử lý", (await page.InnerTextAsync("[data-testid=dossier-status]")).Trim());
        await page.ClickAsync("[data-testid=transfer-agency]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Ủy ban nhân dân tỉnh Quảng Trị')");
        await page.FillAsync("[data-testid=transfer-purpose]", "Đề nghị cho ý kiến về nội dung chuyển giao công nghệ.");
        await page.ClickAsync("[data-testid=transfer-send]");
        await page.WaitForSelectorAsync("[data-testid=transfer-away]");
        Assert.Contains("Ủy ban nhân dân tỉnh Quảng Trị", await page.InnerTextAsync("[data-testid=transfer-away-text]"), StringComparison.Ordinal);
        // The People's Committee's own official finds it in their list of dossiers being processed.
        var committee = await SignedInAsync("processing_officer_ubnd", "/xu-ly");
        await FilterAsync(committee, code, $"[data-testid=dossier-link]:text-is('{code}')");
        await committee.Context.CloseAsync();
        await page.FillAsync("[data-testid=transfer-note]", "Ủy ban nhân dân tỉnh đồng ý.");
        await page.ClickAsync("[data-testid=transfer-return]");
        await page.WaitForSelectorAsync("[data-testid=transfer-form]");
        await page.ClickAsync(".mud-tab:has-text('Liên thông (1)')");
        Assert.Contains("Đã hoàn thành phần việc", await page.InnerTextAsync("[data-testid=transfers]"), StringComparison.Ordinal);

        // The apology letter, a new appointment a working day or two after the current one, typed as dd/MM/yyyy.
        var due = DateTimeOffset.ParseExact((await page.InnerTextAsync("[data-testid=due-at]")).Trim() + " +07:00", "HH:mm 'ngày' dd/MM/yyyy zzz", System.Globalization.CultureInfo.InvariantCulture);
        var newDate = (await newAppointmentAfter(due)).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await page.FillAsync("[data-testid=apology-reason]", "Cần xin ý kiến cơ quan liên thông, chưa kịp thẩm định.");
        await page.FillAsync("[data-testid=apology-date]", newDate);
        await page.PressAsync("[data-testid=apology-date]", "Tab");
        await page.FillAsync("[data-testid=apology-signer]", "Võ Văn Hưng");
        Assert.NotEqual("", await page.InputValueAsync("[data-testid=apology-agency]"));
        await page.ClickAsync("[data-testid=apology-issue]");
        var letter = await page.WaitForSelectorAsync("[data-testid=apology-letter]");
        Assert.Contains(newDate, await letter!.InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith(newDate, (await page.InnerTextAsync("[data-testid=due-at]")).Trim(), StringComparison.Ordinal);
        Assert.Empty(await page.Locator("[data-testid=problem]").AllAsync());
        await page.Context.CloseAsync();
    }

    private static async Task<IPage> OpenRecordAsync(IPage page, string code)
    {
        await page.GotoAsync($"/ho-so/{code}");
        await page.WaitForSelectorAsync("[data-testid=actions]");
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>The citizen, signed in as nobody, looks the dossier up with the slip's code and secret and rates the service once.</summary>
    public async Task CitizenLooksUpAndRatesAsync(Receipt receipt)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.ToString(), Locale = "vi-VN" });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/tra-cuu");
        Assert.EndsWith("/tra-cuu", page.Url, StringComparison.Ordinal);
        await WaitInteractiveAsync(page);

        await page.FillAsync("[data-testid=lookup-code]", receipt.Code);
        await page.FillAsync("[data-testid=lookup-secret]", "WRONG123");
        await page.ClickAsync("[data-testid=lookup]");
        await page.WaitForSelectorAsync("[data-testid=problem]");
        Assert.Contains("Không tìm thấy hồ sơ", await page.InnerTextAsync("[data-testid=problem]"), StringComparison.Ordinal);

        await page.FillAsync("[data-testid=lookup-secret]", receipt.Secret.ToLowerInvariant());
        await page.ClickAsync("[data-testid=lookup]");
        await page.WaitForSelectorAsync("[data-testid=public-status]");
        Assert.Equal("Đã trả kết quả", (await page.InnerTextAsync("[data-testid=public-status-name]")).Trim());

        await page.ClickAsync("[data-testid=rate-satisfied]");
        await page.ClickAsync("[data-testid=rate]");
        await page.WaitForSelectorAsync("[data-testid=rated]");
        await context.CloseAsync();
    }

    /// <summary>Leadership sees on-time rates per unit, the 766 index and the four indexes' rank history as charts, with the years the rank fell.</summary>
    public async Task LeadershipSeesTheDashboardAsync()
    {
        var page = await SignedInAsync("leadership", "/lanh-dao");
        // The rows come with the chart's data (the export button's icon is an svg too, so the rows are what is waited for).
        await page.WaitForSelectorAsync("[data-testid=units-table] tbody tr", new PageWaitForSelectorOptions { Timeout = 90_000 });
        Assert.True(await page.Locator("[data-testid=units-chart] svg").CountAsync() >= 2, "the per-unit chart is drawn beside the export button's icon");
        Assert.Matches(@"\d", await page.InnerTextAsync("[data-testid=index-766-total]"));
        foreach (var framework in new[] { "PAR_INDEX", "PAPI", "PCI", "SIPAS" })
        {
            await page.WaitForSelectorAsync($"[data-testid=history-{framework}] svg");
        }
        // Quảng Trị's PCI fell from 41st to 59th in 2022 (Directive 35-CT/TU): the fall is shown.
        Assert.Contains("2022: tụt", await page.InnerTextAsync("[data-testid=history-PCI]"), StringComparison.Ordinal);
        Assert.Empty(await page.Locator("[data-testid=problem]").AllAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>Every official has an inbox followed live (WatchInbox) with its unread count in the app bar.</summary>
    public async Task OfficialOpensTheInboxAsync()
    {
        var page = await SignedInAsync("processing_officer", "/hop-thu");
        await page.WaitForSelectorAsync("[data-testid=inbox-unread]");
        Assert.Matches(@"^\d+ chưa đọc$", (await page.InnerTextAsync("[data-testid=inbox-unread]")).Trim());
        Assert.Empty(await page.Locator("[data-testid=problem]").AllAsync());
        await page.WaitForSelectorAsync("[data-testid=unread-count]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.Context.CloseAsync();
    }

    /// <summary>The follow-up office sees tasks by unit with deadlines and progress, late ones first, and chases up a lead unit.</summary>
    public async Task FollowUpOfficeChasesUpALateTaskAsync()
    {
        var page = await SignedInAsync("follow_up_office", "/theo-doi");
        await page.WaitForSelectorAsync("[data-testid=tasks-by-unit] tbody tr");
        await page.Locator("[data-testid=chase-up]").First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=chase-up-form]");
        Assert.StartsWith("Đề nghị", await page.InputValueAsync("[data-testid=chase-up-message]"), StringComparison.Ordinal);
        await page.ClickAsync("[data-testid=chase-up-send]");
        await page.WaitForSelectorAsync("text=Đã gửi đôn đốc đơn vị chủ trì.");
        Assert.Empty(await page.Locator("[data-testid=problem]").AllAsync());
        await page.Context.CloseAsync();
    }
}
