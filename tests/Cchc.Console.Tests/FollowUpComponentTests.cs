using Bunit;
using Cchc.Console.Components.Shared;
using Cchc.Console.Presentation;
using Cchc.Directives.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace Cchc.Console.Tests;

// MudBlazor's services dispose asynchronously only: xunit 2 must dispose the context through IAsyncLifetime.
public sealed class FollowUpComponentTests : BunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    public FollowUpComponentTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static readonly DirectiveTask OpenTask = new() { TaskId = "t1", Title = "Rà soát quy trình", Status = DirectiveTaskStatus.InProgress, Percent = 60, AwaitingConfirmation = true };

    private static ProgressReport[] Reports() =>
    [
        new()
        {
            ReportId = "r2", TaskId = "t1", Percent = 100, State = ReportState.Submitted, Text = "Đã ban hành quy trình.", ReporterName = "Trần Văn Bình",
            ReporterUnitCode = "QT.SKHCN.VP", ReportTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 4, 2, 30, 0, TimeSpan.Zero)),
            Evidence = { new FileMetadata { Name = "quyet-dinh-ban-hanh.pdf", SizeBytes = 12_800, Sha256 = new string('a', 64) } },
        },
        new()
        {
            ReportId = "r1", TaskId = "t1", Percent = 60, State = ReportState.SentBack, Text = "Đang dự thảo.", SendBackReason = "Chưa kèm dự thảo.",
            ReviewedBy = "vp.sokhcn", ReviewTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)),
        },
    ];

    [Fact]
    public void Reports_show_their_evidence_and_the_follow_up_office_may_confirm_the_waiting_100_percent_one()
    {
        ProgressReport? confirmed = null;
        var list = Render<ProgressReportList>(p => p
            .Add(c => c.Reports, Reports()).Add(c => c.OfTask, OpenTask).Add(c => c.MayReview, true)
            .Add(c => c.OnConfirm, (ProgressReport r) => { confirmed = r; }));

        var reports = list.FindAll("[data-testid=report]");
        Assert.Equal(2, reports.Count);
        Assert.Contains("quyet-dinh-ban-hanh.pdf (12,5 KB)", reports[0].QuerySelector("[data-testid=report-evidence]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("09:30 ngày 04/12/2026", reports[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Lý do: Chưa kèm dự thảo.", reports[1].QuerySelector("[data-testid=report-review]")!.TextContent, StringComparison.Ordinal);
        // The report sent back offers nothing more.
        Assert.Null(reports[1].QuerySelector("[data-testid=report-confirm]"));
        Assert.Null(reports[1].QuerySelector("[data-testid=report-send-back]"));

        list.Find("[data-testid=report-confirm]").Click();

        Assert.Equal("r2", confirmed?.ReportId);
    }

    [Fact]
    public void Officials_outside_the_follow_up_office_read_reports_without_review_buttons()
    {
        var list = Render<ProgressReportList>(p => p.Add(c => c.Reports, Reports()).Add(c => c.OfTask, OpenTask).Add(c => c.MayReview, false));

        Assert.Equal(2, list.FindAll("[data-testid=report]").Count);
        Assert.Empty(list.FindAll("[data-testid=report-confirm]"));
        Assert.Empty(list.FindAll("[data-testid=report-send-back]"));
    }

    [Fact]
    public void A_send_back_needs_a_reason_and_keeps_what_was_typed_when_the_service_refuses()
    {
        var sent = new List<(ProgressReport Report, string Reason)>();
        var list = Render<ProgressReportList>(p => p
            .Add(c => c.Reports, Reports()).Add(c => c.OfTask, OpenTask).Add(c => c.MayReview, true)
            .Add(c => c.OnSendBack, ((ProgressReport Report, string Reason) s) => sent.Add(s)));

        list.Find("[data-testid=report-send-back]").Click();
        list.Find("[data-testid=send-back-send]").Click();

        Assert.Empty(sent);
        Assert.Contains("Lý do trả lại: bắt buộc phải nhập.", list.Markup, StringComparison.Ordinal);

        ReasonBox(list).Change("  Minh chứng chưa có chữ ký.  ");
        list.Find("[data-testid=send-back-send]").Click();

        var (report, reason) = Assert.Single(sent);
        Assert.Equal("r2", report.ReportId);
        Assert.Equal("Minh chứng chưa có chữ ký.", reason);

        // The service refuses the reason: its message shows under the field, and the text typed stays.
        list.Render(p => p.Add(c => c.Problem, new ServiceProblem("Thông tin chưa hợp lệ (1 mục): xem các ô được đánh dấu.",
            new Dictionary<string, string> { ["reason"] = "Lý do: dài quá 1000 ký tự." })));

        Assert.Contains("Lý do: dài quá 1000 ký tự.", list.Markup, StringComparison.Ordinal);
        var box = ReasonBox(list);
        Assert.Equal("  Minh chứng chưa có chữ ký.  ", box.GetAttribute("value") ?? box.TextContent);
    }

    /// <summary>The reason's text area (MudBlazor puts the test id on the input itself or on its wrapper).</summary>
    private static AngleSharp.Dom.IElement ReasonBox(IRenderedComponent<ProgressReportList> list)
    {
        var marked = list.Find("[data-testid=send-back-reason]");
        return marked.TagName == "TEXTAREA" ? marked : marked.QuerySelector("textarea")!;
    }

    [Fact]
    public void The_tree_indents_each_document_under_the_one_it_implements_with_its_tasks()
    {
        var root = new ImplementationNode
        {
            Document = new DocumentSummary { DocumentId = "ct", Kind = DocumentKind.Directive, Symbol = "35-CT/TU", IssueDate = "2024-03-05", IssuerName = "Ban Thường vụ Tỉnh ủy" },
            Tasks = { new DirectiveTask { Number = "1", Title = "Quán triệt", LeadUnitCode = "QT.SKHCN.VP", DueDate = "2026-11-25", Status = DirectiveTaskStatus.Overdue, Percent = 20 } },
            ImplementedBy = { new ImplementationNode { Document = new DocumentSummary { DocumentId = "cv", Kind = DocumentKind.Dispatch, Symbol = "836/SKHCN-VP", IssueDate = "2024-04" } } },
        };

        var tree = Render<ImplementationTreeView>(p => p
            .Add(c => c.Rows, ImplementationTrees.Flatten(root)).Add(c => c.UnitName, code => code == "QT.SKHCN.VP" ? "Văn phòng Sở" : code));

        var documents = tree.FindAll("[data-testid=tree-document]");
        Assert.Equal(["0", "1"], documents.Select(d => d.GetAttribute("data-depth")));
        Assert.Contains("Chỉ thị 35-CT/TU ngày 05/03/2024 — Ban Thường vụ Tỉnh ủy", documents[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Công văn 836/SKHCN-VP ngày 04/2024", documents[1].TextContent, StringComparison.Ordinal);
        var task = tree.Find("[data-testid=tree-tasks] li").TextContent;
        Assert.Contains("1. Quán triệt — Văn phòng Sở, hạn 25/11/2026, 20%", task, StringComparison.Ordinal);
        Assert.Contains("Quá hạn", task, StringComparison.Ordinal);
    }

    [Fact]
    public void Task_statistics_list_each_unit_then_the_totals_and_export_them_to_Excel()
    {
        byte[]? saved = null;
        string? fileName = null, mediaType = null;
        JSInterop.SetupVoid("cchcDownload", invocation =>
        {
            fileName = (string)invocation.Arguments[0]!;
            mediaType = (string)invocation.Arguments[1]!;
            var stream = ((DotNetStreamReference)invocation.Arguments[2]!).Stream;
            using var copy = new MemoryStream();
            stream.Position = 0;
            stream.CopyTo(copy);
            saved = copy.ToArray();
            return true;
        }).SetVoidResult();
        var statistics = new GetTaskStatisticsResponse
        {
            PeriodStart = "2026-01-01", PeriodEnd = "2026-12-31", AsOf = "2026-12-06",
            Totals = new TaskCounts { Total = 3, Overdue = 1, DoneOnTime = 2 },
            Units = { new UnitTaskCounts { UnitCode = "QT.SKHCN.VP", UnitName = "Văn phòng Sở", Counts = new TaskCounts { Total = 3, Overdue = 1, DoneOnTime = 2 } } },
        };

        var table = Render<TaskStatisticsTable>(p => p.Add(c => c.Statistics, statistics).Add(c => c.MadeOn, new DateOnly(2026, 12, 6)));

        Assert.Contains("từ 01/01/2026 đến 31/12/2026", table.Markup, StringComparison.Ordinal);
        Assert.Contains("Văn phòng Sở", table.Find("[data-testid='task-statistics-QT.SKHCN.VP']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Tổng cộng", table.Find("[data-testid=task-statistics-total]").TextContent, StringComparison.Ordinal);

        table.Find("[data-testid=task-statistics-export]").Click();

        Assert.Equal("nhiem-vu-theo-don-vi-2026-01-01-2026-12-31.xlsx", fileName);
        Assert.Equal(TableExport.MediaType, mediaType);
        var sheet = ExcelExportTests.Read(saved!);
        Assert.Equal("Văn phòng Sở", sheet.Cells["A5"]);
        Assert.Equal("Tổng cộng", sheet.Cells["A6"]);
        Assert.Equal(new DateOnly(2026, 12, 6), sheet.Cells["B2"]);
    }
}
