using Bunit;
using Cchc.Console.Components.Shared;
using Cchc.Console.Presentation;
using Cchc.Dossiers.V1;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Cchc.Console.Tests;

// MudBlazor's services dispose asynchronously only: xunit 2 must dispose the context through IAsyncLifetime.
public sealed class ComponentTests : BunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    public ComponentTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static DossierReceipt Receipt() => new()
    {
        DossierCode = "QT.SKHCN-261206-0001",
        ProcedureCode = "1.000901",
        ProcedureName = "Đăng ký hợp đồng chuyển giao công nghệ",
        StatutoryTime = new StatutoryTime { Amount = "5", Unit = DurationUnit.WorkingDays },
        ReceivedAtLocal = "2026-12-06T10:59:00+07:00",
        DueAtLocal = "2026-12-14T17:00:00+07:00",
        LookupSecret = "KKNS5QFS",
        Papers =
        {
            new Paper { Name = "Đơn đề nghị (theo mẫu)", Kind = PaperKind.Original, Count = 1 },
            new Paper { Name = "Giấy chứng nhận đăng ký doanh nghiệp", Kind = PaperKind.Copy, Count = 2, Reused = true },
        },
    };

    [Fact]
    public void The_slip_prints_code_papers_appointment_in_Vietnam_time_and_the_lookup_secret()
    {
        var slip = Render<ReceiptSlip>(p => p
            .Add(s => s.Receipt, Receipt())
            .Add(s => s.ApplicantName, "Nguyễn Thị Thu")
            .Add(s => s.ReceiverName, "Lê Thị Hoa"));

        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", slip.Markup, StringComparison.Ordinal);
        Assert.Equal("QT.SKHCN-261206-0001", slip.Find("[data-testid=slip-code]").TextContent);
        Assert.Equal("17:00 ngày 14/12/2026", slip.Find("[data-testid=slip-due]").TextContent);
        Assert.Equal("10:59 ngày 06/12/2026", slip.Find("[data-testid=slip-received]").TextContent);
        Assert.Equal("KKNS5QFS", slip.Find("[data-testid=slip-secret]").TextContent);
        var rows = slip.FindAll("tbody tr").Where(r => r.QuerySelectorAll("td").Length == 4).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Bản sao", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("không phải nộp lại", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("5 ngày làm việc", slip.Markup, StringComparison.Ordinal);
        // The whole slip is what prints.
        Assert.Contains("print-area", slip.Find("[data-testid=receipt-slip]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reprinted_slip_without_the_secret_leaves_the_line_out()
    {
        var receipt = Receipt();
        receipt.LookupSecret = "";

        var slip = Render<ReceiptSlip>(p => p.Add(s => s.Receipt, receipt).Add(s => s.ApplicantName, "Nguyễn Thị Thu"));

        Assert.Empty(slip.FindAll("[data-testid=slip-secret]"));
    }

    [Theory]
    [InlineData(DueState.Late, "Quá hạn", "mud-chip-color-error")]
    [InlineData(DueState.DueSoon, "Sắp đến hạn", "mud-chip-color-warning")]
    [InlineData(DueState.OnTime, "Trong hạn", "mud-chip-color-success")]
    public void The_due_mark_says_its_state_in_words_and_colour(DueState state, string words, string colour)
    {
        var chip = Render<DueChip>(p => p.Add(c => c.State, state));

        Assert.Equal(words, chip.Find(".mud-chip").TextContent.Trim());
        Assert.Contains(colour, chip.Find(".mud-chip").ClassName, StringComparison.Ordinal);
        Assert.Equal(state.ToString(), chip.Find("[data-testid=due-mark]").GetAttribute("data-state"));
    }

    [Fact]
    public void A_problem_lists_its_field_messages_when_asked()
    {
        var problem = new ServiceProblem("Thông tin chưa hợp lệ (1 mục): xem các ô được đánh dấu.",
            new Dictionary<string, string> { ["reason"] = "Lý do: bắt buộc phải nhập." });

        var alert = Render<ProblemAlert>(p => p.Add(a => a.Problem, problem).Add(a => a.ShowFields, true));

        Assert.Contains("Lý do: bắt buộc phải nhập.", alert.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal);
        Assert.Equal("alert", alert.Find("[data-testid=problem]").GetAttribute("role"));
    }
}
