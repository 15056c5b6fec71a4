using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Directives.Calendar;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;

namespace Cchc.Directives.Tests;

/// <summary>How units stand with their tasks, and the leadership summary of a directive's implementation tree.</summary>
public sealed class StatisticsTests(ClockedDirectivesFixture fixture) : IClassFixture<ClockedDirectivesFixture>, IAsyncLifetime
{
    private readonly DirectivesScenario _given = new(fixture);

    public async Task InitializeAsync() => await fixture.Service<CalendarMirror>().RefreshAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    private StatisticsService.StatisticsServiceClient StatisticsAs(string credential) => new(fixture.CreateChannel(credential));

    private void On(int month, int day) => fixture.Clock.SetVietnam(2026, month, day, 9, 0);

    /// <summary>Reports 100% on <paramref name="month"/>/<paramref name="day"/>, and the follow-up office confirms it.</summary>
    private async Task CompleteAsync(TestAgency agency, V1.DirectiveTask task, int month, int day, string period = "")
    {
        On(month, day);
        var report = await _given.ReportAsync(agency, task, 100, period: period);
        await _given.TasksAs(agency.Token(Roles.FollowUpOffice))
            .ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = task.TaskId, ReportId = report.Report.ReportId });
    }

    private static (int Total, int OnTime, int Late, int Overdue, int InProgress, int NotStarted, int Cancelled) Figures(TaskCounts c) =>
        (c.Total, c.DoneOnTime, c.DoneLate, c.Overdue, c.InProgress, c.NotStarted, c.Cancelled);

    [Fact]
    public async Task A_quarter_counts_each_task_and_each_report_period_due_in_it_by_status_per_lead_unit_within_the_callers_scope()
    {
        var agency = await _given.AgencyAsync("S1");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/S1-VP", agency.Code));
        On(3, 2);
        var onTime = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, "2026-04-10");
        var late = await _given.TaskAsync(dispatch.DocumentId, "2", agency.Division, "2026-04-17");
        await _given.TaskAsync(dispatch.DocumentId, "3", agency.Division, "2026-05-15");
        await _given.TaskAsync(dispatch.DocumentId, "4", agency.Division, "2026-08-14");
        var cancelled = await _given.TaskAsync(dispatch.DocumentId, "5", agency.Division, "2026-05-20");
        var inProgress = await _given.TaskAsync(dispatch.DocumentId, "6", agency.Inspectorate, "2026-06-30");
        await _given.TaskAsync(dispatch.DocumentId, "7", agency.Inspectorate, "2026-06-26");
        await _given.TaskAsync(dispatch.DocumentId, "8", agency.Office);
        var monthly = (await _given.Tasks.CreateTaskAsync(new CreateTaskRequest
        {
            Task = new V1.DirectiveTask
            {
                DocumentId = dispatch.DocumentId, Number = "TCTH", Title = "Báo cáo tháng", LeadUnitCode = agency.Office,
                Recurrence = new Recurrence { Frequency = RecurrenceFrequency.Monthly, DueDay = 5, DueMonth = 0, StartsOn = "2026-04-01" },
            },
        })).Task;
        await CompleteAsync(agency, onTime, 4, 8);
        await CompleteAsync(agency, monthly, 4, 3, "2026-04");
        await CompleteAsync(agency, late, 4, 24);
        await CompleteAsync(agency, monthly, 5, 8, "2026-05");
        await _given.TasksAs(agency.Token(Roles.FollowUpOffice)).CancelTaskAsync(new CancelTaskRequest { TaskId = cancelled.TaskId, Reason = "Trùng nhiệm vụ 3" });
        On(6, 10);
        await _given.ReportAsync(agency, inProgress, 50);
        On(6, 25);
        var quarter = new GetTaskStatisticsRequest { UnitCode = agency.Code, PeriodStart = "2026-04-01", PeriodEnd = "2026-06-30" };

        var forLeadership = await StatisticsAs(agency.Token(Roles.Leadership)).GetTaskStatisticsAsync(quarter);
        var forDivision = await StatisticsAs(agency.Token(Roles.ProcessingOfficer, agency.Division))
            .GetTaskStatisticsAsync(new GetTaskStatisticsRequest { PeriodStart = "2026-04-01", PeriodEnd = "2026-06-30" });
        using var rest = fixture.CreateRestClient(agency.Token(Roles.FollowUpOffice));
        var overRest = await rest.GetFromJsonAsync<JsonElement>($"/directives/v1/statistics/tasks?unitCode={agency.Code}&periodStart=2026-04-01&periodEnd=2026-06-30");

        Assert.Equal((9, 2, 2, 2, 1, 1, 1), Figures(forLeadership.Totals));
        Assert.Equal((4, 4, 4, 1), (forLeadership.Totals.Done, forLeadership.Totals.Open, forLeadership.Totals.Late, forLeadership.Ongoing));
        Assert.Equal(("2026-06-25", agency.Code), (forLeadership.AsOf, forLeadership.UnitCode));
        var units = forLeadership.Units.ToDictionary(u => u.UnitCode);
        Assert.Equal([agency.Division, agency.Inspectorate, agency.Office], forLeadership.Units.Select(u => u.UnitCode));
        Assert.Equal((4, 1, 1, 1, 0, 0, 1), Figures(units[agency.Division].Counts));
        Assert.Equal((2, 0, 0, 0, 1, 1, 0), Figures(units[agency.Inspectorate].Counts));
        Assert.Equal(((3, 1, 1, 1, 0, 0, 0), 1), (Figures(units[agency.Office].Counts), units[agency.Office].Ongoing));
        Assert.Equal("Văn phòng Sở", units[agency.Office].UnitName);
        Assert.Equal([agency.Division], forDivision.Units.Select(u => u.UnitCode));
        Assert.Equal(4, forDivision.Totals.Total);
        Assert.Equal(2, overRest.GetProperty("totals").GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task Statistics_refuse_a_unit_outside_the_scope_an_unknown_unit_and_a_period_backwards()
    {
        var agency = await _given.AgencyAsync("S2");

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => StatisticsAs(agency.Token(Roles.UnitHead, agency.Division))
            .GetTaskStatisticsAsync(new GetTaskStatisticsRequest { UnitCode = agency.Code }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => StatisticsAs(TestIdentity.Administrator)
            .GetTaskStatisticsAsync(new GetTaskStatisticsRequest { UnitCode = "S2.SO.KHONG" }).ResponseAsync);
        await RpcAssert.InvalidFields(() => StatisticsAs(TestIdentity.Administrator)
            .GetTaskStatisticsAsync(new GetTaskStatisticsRequest { PeriodStart = "2026-06-30", PeriodEnd = "2026-04-01" }).ResponseAsync, "unit_code", "period_end");
    }

    [Fact]
    public async Task A_directive_summary_counts_every_task_of_its_implementation_tree_per_lead_unit_and_lists_the_late_ones_with_how_late()
    {
        var agency = await _given.AgencyAsync("S3");
        var directive = await _given.CreateAsync(DirectivesScenario.PartyDirective("60-CT/TU"));
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("60/S3-VP", agency.Code, (ReferenceKind.Implements, directive.DocumentId)));
        var plan = DirectivesScenario.Dispatch("61/KH-S3", agency.Code, (ReferenceKind.Implements, dispatch.DocumentId));
        plan.Kind = V1.DocumentKind.Plan;
        plan = await _given.CreateAsync(plan);
        var unrelated = await _given.CreateAsync(DirectivesScenario.Dispatch("62/S3-VP", agency.Code));
        On(3, 2);
        var share = await _given.TaskAsync(directive.DocumentId, "6.1", agency.Code);
        var doneLate = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, "2026-03-13", share.TaskId);
        var overdue = await _given.TaskAsync(dispatch.DocumentId, "2", agency.Inspectorate, "2026-03-20", share.TaskId);
        var onTime = await _given.TaskAsync(dispatch.DocumentId, "3", agency.Office, "2026-03-31", share.TaskId);
        var planned = await _given.TaskAsync(plan.DocumentId, "1", agency.Division, "2026-03-27");
        await _given.TaskAsync(unrelated.DocumentId, "1", agency.Division, "2026-03-06");
        await CompleteAsync(agency, doneLate, 3, 18);
        await CompleteAsync(agency, onTime, 3, 30);
        On(4, 1);

        var summary = await StatisticsAs(agency.Token(Roles.Leadership)).GetDirectiveSummaryAsync(new GetDirectiveSummaryRequest { DocumentId = directive.DocumentId });
        var forDivision = await StatisticsAs(agency.Token(Roles.ProcessingOfficer, agency.Division))
            .GetDirectiveSummaryAsync(new GetDirectiveSummaryRequest { DocumentId = directive.DocumentId });
        using var rest = fixture.CreateRestClient(agency.Token(Roles.Leadership));
        var overRest = await rest.GetFromJsonAsync<JsonElement>($"/directives/v1/documents/{directive.DocumentId}/summary");

        Assert.Equal(("60-CT/TU", 3, "2026-04-01"), (summary.Document.Symbol, summary.DocumentCount, summary.AsOf));
        Assert.Equal((5, 1, 1, 2, 0, 1, 0), Figures(summary.Totals));
        Assert.Equal([agency.Code, agency.Division, agency.Inspectorate, agency.Office], summary.ByLeadUnit.Select(u => u.UnitCode));
        Assert.Equal((2, 0, 1, 1, 0, 0, 0), Figures(summary.ByLeadUnit.Single(u => u.UnitCode == agency.Division).Counts));
        Assert.Equal(
        [
            (overdue.TaskId, DirectiveTaskStatus.Overdue, "2026-03-20", 8, 12),
            (planned.TaskId, DirectiveTaskStatus.Overdue, "2026-03-27", 3, 5),
            (doneLate.TaskId, DirectiveTaskStatus.DoneLate, "2026-03-13", 3, 5),
        ], summary.LateTasks.Select(t => (t.TaskId, t.Status, t.DueDate, t.WorkingDaysLate, t.DaysLate)));
        Assert.Equal(("60/S3-VP", "Thanh tra Sở", "2026-03-18"),
            (summary.LateTasks[0].DocumentSymbol, summary.LateTasks[0].LeadUnitName, summary.LateTasks[2].CompletedOn));
        Assert.Equal((2, 1, 1), (forDivision.Totals.Total, forDivision.Totals.Overdue, forDivision.Totals.DoneLate));
        Assert.Equal(3, overRest.GetProperty("lateTasks").GetArrayLength());
        await RpcAssert.FailsWith(StatusCode.NotFound, () => StatisticsAs(TestIdentity.Administrator)
            .GetDirectiveSummaryAsync(new GetDirectiveSummaryRequest { DocumentId = Guid.NewGuid().ToString() }).ResponseAsync);
    }
}
