using Cchc.Console.Presentation;
using Cchc.Directives.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Console.Tests;

public sealed class FollowUpTests
{
    private static DirectiveTask Task(string id, DirectiveTaskStatus status, string lead = "QT.SKHCN.VP") =>
        new() { TaskId = id, Title = $"Nhiệm vụ {id}", Status = status, LeadUnitCode = lead };

    private static ImplementationNode Node(string id, string symbol, params DirectiveTask[] tasks) => new()
    {
        Document = new DocumentSummary { DocumentId = id, Symbol = symbol, Kind = DocumentKind.Plan },
        Tasks = { tasks },
    };

    [Fact]
    public void The_tree_reads_depth_first_each_document_with_the_tally_of_every_task_under_it()
    {
        var directive = Node("ct", "35-CT/TU", Task("1", DirectiveTaskStatus.Overdue), Task("2", DirectiveTaskStatus.InProgress));
        var plan = Node("kh", "120/KH-UBND", Task("3", DirectiveTaskStatus.DoneOnTime));
        plan.ImplementedBy.Add(Node("cv", "836/SKHCN-VP", Task("4", DirectiveTaskStatus.Overdue), Task("5", DirectiveTaskStatus.DoneLate)));
        directive.ImplementedBy.Add(plan);
        directive.ImplementedBy.Add(Node("tb", "12/TB-SKHCN"));

        var rows = ImplementationTrees.Flatten(directive);

        Assert.Equal(["35-CT/TU", "120/KH-UBND", "836/SKHCN-VP", "12/TB-SKHCN"], rows.Select(r => r.Document.Symbol));
        Assert.Equal([0, 1, 2, 1], rows.Select(r => r.Depth));
        Assert.Equal([5, 3, 2, 0], rows.Select(r => r.SubtreeTasks));
        Assert.Equal([2, 1, 1, 0], rows.Select(r => r.SubtreeOverdue));
        Assert.Equal([2, 2, 1, 0], rows.Select(r => r.SubtreeDone));
        // Each row lists only its own document's tasks.
        Assert.Equal(["1", "2"], rows[0].Tasks.Select(t => t.TaskId));
        Assert.Empty(rows[3].Tasks);
    }

    [Fact]
    public void A_document_met_twice_is_shown_once_and_nothing_loops()
    {
        var directive = Node("ct", "35-CT/TU", Task("1", DirectiveTaskStatus.InProgress));
        var plan = Node("kh", "120/KH-UBND");
        plan.ImplementedBy.Add(Node("ct", "35-CT/TU", Task("1", DirectiveTaskStatus.InProgress)));
        directive.ImplementedBy.Add(plan);
        directive.ImplementedBy.Add(new ImplementationNode());

        var rows = ImplementationTrees.Flatten(directive);

        Assert.Equal(["ct", "kh"], rows.Select(r => r.Document.DocumentId));
        Assert.Equal(1, rows[0].SubtreeTasks);
        Assert.Empty(ImplementationTrees.Flatten(null));
    }

    private static ProgressReport Report(string id, int percent, ReportState state = ReportState.Submitted, string period = "") =>
        new() { ReportId = id, Percent = percent, State = state, Period = period };

    [Fact]
    public void Only_a_waiting_report_of_100_percent_may_be_confirmed()
    {
        var task = Task("1", DirectiveTaskStatus.InProgress);
        var complete = Report("a", 100);
        var partial = Report("b", 80);
        var sentBack = Report("c", 100, ReportState.SentBack);
        ProgressReport[] reports = [complete, partial, sentBack];

        Assert.True(ReportReviews.MayConfirm(complete, task, reports));
        Assert.False(ReportReviews.MayConfirm(partial, task, reports));
        Assert.False(ReportReviews.MayConfirm(sentBack, task, reports));
        Assert.False(ReportReviews.MayConfirm(complete, Task("1", DirectiveTaskStatus.Cancelled), reports));
    }

    [Fact]
    public void A_period_already_confirmed_takes_no_second_confirmation_but_another_period_does()
    {
        var task = Task("1", DirectiveTaskStatus.InProgress);
        var q1Again = Report("a", 100, period: "2026-Q1");
        var q2 = Report("b", 100, period: "2026-Q2");
        ProgressReport[] reports = [q2, q1Again, Report("c", 100, ReportState.Confirmed, "2026-Q1")];

        Assert.False(ReportReviews.MayConfirm(q1Again, task, reports));
        Assert.True(ReportReviews.MayConfirm(q2, task, reports));
    }

    [Fact]
    public void Any_waiting_report_may_be_sent_back_and_only_with_a_reason()
    {
        Assert.True(ReportReviews.MaySendBack(Report("a", 40)));
        Assert.False(ReportReviews.MaySendBack(Report("a", 100, ReportState.Confirmed)));
        Assert.False(ReportReviews.MaySendBack(Report("a", 40, ReportState.SentBack)));

        Assert.Equal("Lý do trả lại: bắt buộc phải nhập.", ReportReviews.ReasonProblem("   "));
        Assert.Equal("Lý do trả lại: dài quá 1000 ký tự.", ReportReviews.ReasonProblem(new string('x', 1001)));
        Assert.Null(ReportReviews.ReasonProblem("  Chưa kèm văn bản ban hành quy chế.  "));
    }

    [Theory]
    [InlineData("REPORT_ALREADY_REVIEWED", "đã được xác nhận hoặc trả lại")]
    [InlineData("NOT_A_COMPLETION_REPORT", "100%")]
    [InlineData("TASK_COMPLETED", "đã được xác nhận hoàn thành")]
    [InlineData("TASK_CANCELLED", "đã bị hủy")]
    public void A_refused_review_says_why_in_Vietnamese(string type, string words)
    {
        var status = new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = "refused" };
        status.Details.Add(Any.Pack(new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = type, Subject = "r1" } } }));

        var problem = ServiceProblem.From(status.ToRpcException());

        Assert.Contains(words, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QT.SKHCN.VP", "QT.SKHCN", "")]
    [InlineData(null, "QT.SKHCN", "QT.SKHCN")]
    [InlineData("", null, "")]
    public void Statistics_are_asked_for_the_officials_own_scope_else_the_consoles_agency(string? unit, string? agency, string asked) =>
        Assert.Equal(asked, DirectiveTasks.StatisticsUnit(unit, agency));

    [Theory]
    [InlineData("2023-12-05", "05/12/2023")]
    [InlineData("2023-12", "12/2023")]
    [InlineData("2023", "2023")]
    public void An_issue_date_is_shown_as_far_as_it_is_known(string text, string shown) =>
        Assert.Equal(shown, DirectiveTasks.IssueDate(text));

    [Fact]
    public void Due_dates_and_sizes_read_in_Vietnamese()
    {
        Assert.Equal("25/11/2026", DirectiveTasks.DueDate("2026-11-25"));
        Assert.Equal("Thường xuyên", DirectiveTasks.DueDate(""));
        Assert.Equal("850 B", DirectiveTasks.Size(850));
        Assert.Equal("12,5 KB", DirectiveTasks.Size(12_800));
        Assert.Equal("3,2 MB", DirectiveTasks.Size(3_355_443));
    }
}
