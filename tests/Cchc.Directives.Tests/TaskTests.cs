using Cchc.SharedKernel.Organization;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Directives.Tests;

public sealed class TaskTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private readonly DirectivesScenario _given = new(fixture);

    private async Task<(TestAgency Agency, V1.Document Dispatch)> DispatchAsync(string province)
    {
        var agency = await _given.AgencyAsync(province);
        return (agency, await _given.CreateAsync(DirectivesScenario.Dispatch($"1/{province}-VP", agency.Code)));
    }

    [Fact]
    public async Task A_task_needs_exactly_one_lead_unit_which_cannot_also_coordinate()
    {
        var (agency, dispatch) = await DispatchAsync("K1");

        var noLead = await RpcAssert.InvalidFields(() => _given.TaskAsync(dispatch.DocumentId, "1", lead: ""), "task.lead_unit_code");
        await RpcAssert.InvalidFields(() => _given.TaskAsync(dispatch.DocumentId, "1", agency.Office, null, null, agency.Division, agency.Office),
            "task.coordinating_unit_codes[1]");
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Office, null, null, agency.Division, agency.Inspectorate);

        Assert.Contains("exactly one lead unit", noLead.FieldViolations.Single().Description);
        Assert.Equal(agency.Office, task.LeadUnitCode);
        Assert.Equal([agency.Division, agency.Inspectorate], task.CoordinatingUnitCodes);
    }

    [Fact]
    public async Task Unit_codes_outside_the_registry_are_refused_field_by_field()
    {
        var (agency, dispatch) = await DispatchAsync("K2");

        var violations = await RpcAssert.InvalidFields(
            () => _given.TaskAsync(dispatch.DocumentId, "1", "K2.SO.NONE", null, null, agency.Division, "K2.SO.KHAC"),
            "task.lead_unit_code", "task.coordinating_unit_codes[1]");

        Assert.Contains(violations.FieldViolations, v => v.Description.Contains("'K2.SO.KHAC'"));
    }

    [Fact]
    public async Task A_number_is_unique_in_its_document_and_items_are_listed_in_reading_order()
    {
        var (agency, dispatch) = await DispatchAsync("K3");
        foreach (var number in new[] { "10", "2", "3.b", "3.a", "1" })
        {
            await _given.TaskAsync(dispatch.DocumentId, number, agency.Office);
        }

        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => _given.TaskAsync(dispatch.DocumentId, "2", agency.Division));
        var listed = await _given.Tasks.ListTasksAsync(new ListTasksRequest { DocumentId = dispatch.DocumentId });

        Assert.Equal(["1", "2", "3.a", "3.b", "10"], listed.Tasks.Select(t => t.Number));
        Assert.All(listed.Tasks, t => Assert.Equal($"1/K3-VP", t.DocumentSymbol));
    }

    [Fact]
    public async Task A_quarterly_report_due_on_the_15th_of_the_quarters_last_month_materialises_four_instances_in_2026()
    {
        var (agency, dispatch) = await DispatchAsync("K4");
        var input = new DirectiveTask
        {
            DocumentId = dispatch.DocumentId, Number = "TCTH", Title = "Định kỳ báo cáo Ban Giám đốc", LeadUnitCode = agency.Office,
            Recurrence = new Recurrence { Frequency = RecurrenceFrequency.Quarterly, DueDay = 15, DueMonth = 0, StartsOn = "2026-01-01" },
        };
        var task = (await _given.Tasks.CreateTaskAsync(new CreateTaskRequest { Task = input })).Task;
        await _given.ReportAsync(agency, task, 100, "Báo cáo quý I/2026", period: "2026-Q1");

        var instances = (await _given.Tasks.ListTaskInstancesAsync(new ListTaskInstancesRequest { TaskId = task.TaskId, Until = "2026-12-31" })).Instances;

        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], instances.Select(i => i.Period));
        Assert.Equal(["2026-03-15", "2026-06-15", "2026-09-15", "2026-12-15"], instances.Select(i => i.DueDate));
        Assert.Equal(("2026-04-01", "2026-06-30"), (instances[1].PeriodStart, instances[1].PeriodEnd));
        await RpcAssert.InvalidFields(() => _given.ReportAsync(agency, task, 50, period: "2026-03"), "report.period");
    }

    [Fact]
    public async Task The_lead_unit_reports_progress_a_coordinator_is_refused_and_an_official_out_of_scope_does_not_see_the_task()
    {
        var (agency, dispatch) = await DispatchAsync("K5");
        var outsider = await _given.AgencyAsync("K5X");
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, DirectivesScenario.Days(30), null, agency.Inspectorate);

        var accepted = await _given.ReportAsync(agency, task, 40, "Đã rà soát 12/30 thủ tục", unit: agency.Division);
        var coordinator = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _given.ReportAsync(agency, task, 50, unit: agency.Inspectorate));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => _given.ReportAsync(outsider, task, 50, unit: outsider.Division));
        var asUnitHead = await _given.TasksAs(agency.Token(Roles.UnitHead, agency.Division))
            .ReportProgressAsync(new ReportProgressRequest { TaskId = task.TaskId, Report = new V1.ProgressReport { Text = "Đã rà soát 15/30", Percent = 50 } });

        Assert.Equal(DirectiveTaskStatus.InProgress, accepted.Task.Status);
        Assert.Equal(40, accepted.Task.Percent);
        Assert.Equal(agency.Division, accepted.Report.ReporterUnitCode);
        Assert.Equal("bao-cao.pdf", accepted.Report.Evidence.Single().Name);
        Assert.Contains(agency.Division, coordinator.Message);
        Assert.Equal(50, asUnitHead.Task.Percent);
    }

    [Fact]
    public async Task A_task_out_of_scope_answers_NOT_FOUND_exactly_like_a_task_that_does_not_exist()
    {
        var (agency, dispatch) = await DispatchAsync("K6");
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division);
        var officeOfficer = _given.TasksAs(agency.Token(Roles.ProcessingOfficer, agency.Office));
        var otherAgency = _given.TasksAs(TestIdentity.Token(Roles.FollowUpOffice, "K6Y.SO.VP", "K6Y.SO"));
        var leadership = _given.TasksAs(agency.Token(Roles.Leadership));
        var integrator = _given.TasksAs(TestIdentity.Token(Roles.Integrator));

        var hidden = await RpcAssert.FailsWith(StatusCode.NotFound, () => officeOfficer.GetTaskAsync(new GetTaskRequest { TaskId = task.TaskId }).ResponseAsync);
        var absent = await RpcAssert.FailsWith(StatusCode.NotFound, () => officeOfficer.GetTaskAsync(new GetTaskRequest { TaskId = Guid.NewGuid().ToString() }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => officeOfficer.ListProgressReportsAsync(new ListProgressReportsRequest { TaskId = task.TaskId }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => otherAgency.CancelTaskAsync(new CancelTaskRequest { TaskId = task.TaskId, Reason = "thử" }).ResponseAsync);
        var listedToOffice = await officeOfficer.ListTasksAsync(new ListTasksRequest { DocumentId = dispatch.DocumentId });

        Assert.Equal(hidden.GetDetail<ResourceInfo>()?.ResourceType, absent.GetDetail<ResourceInfo>()?.ResourceType);
        Assert.Empty(listedToOffice.Tasks);
        Assert.Equal(task.TaskId, (await leadership.GetTaskAsync(new GetTaskRequest { TaskId = task.TaskId })).Task.TaskId);
        Assert.Equal(task.TaskId, (await integrator.GetTaskAsync(new GetTaskRequest { TaskId = task.TaskId })).Task.TaskId);
    }

    [Fact]
    public async Task The_follow_up_office_confirms_completion_or_sends_a_report_back_with_its_reason()
    {
        var (agency, dispatch) = await DispatchAsync("K7");
        var followUp = _given.TasksAs(agency.Token(Roles.FollowUpOffice));
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, DirectivesScenario.Days(10));
        var first = await _given.ReportAsync(agency, task, 100, "Đã hoàn thành");

        var sentBack = await followUp.SendBackReportAsync(new SendBackReportRequest { TaskId = task.TaskId, ReportId = first.Report.ReportId, Reason = "Thiếu bằng chứng kết quả rà soát" });
        var second = await _given.ReportAsync(agency, task, 100, "Đã hoàn thành, kèm biên bản rà soát");
        var confirmed = await followUp.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = task.TaskId, ReportId = second.Report.ReportId });

        Assert.True(first.Task.AwaitingConfirmation);
        Assert.Equal(ReportState.SentBack, sentBack.Report.State);
        Assert.Equal("Thiếu bằng chứng kết quả rà soát", sentBack.Report.SendBackReason);
        Assert.Equal((0, false, DirectiveTaskStatus.NotStarted), (sentBack.Task.Percent, sentBack.Task.AwaitingConfirmation, sentBack.Task.Status));
        Assert.Equal(DirectiveTaskStatus.DoneOnTime, confirmed.Task.Status);
        Assert.Equal(DirectivesScenario.Days(0), confirmed.Task.CompletedOn);
        Assert.Equal(100, confirmed.Task.Percent);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _given.ReportAsync(agency, task, 100, "Báo cáo thêm"));
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _given.TasksAs(agency.Token(Roles.UnitHead, agency.Division))
            .ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = task.TaskId, ReportId = second.Report.ReportId }).ResponseAsync);
    }

    [Fact]
    public async Task A_coordinating_agencys_follow_up_office_sees_the_task_but_cannot_confirm_or_send_back_its_reports()
    {
        var (agency, dispatch) = await DispatchAsync("K30");
        var coordinating = await _given.AgencyAsync("K30X");
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, DirectivesScenario.Days(10), null, coordinating.Division);
        var report = await _given.ReportAsync(agency, task, 100, "Đã hoàn thành");
        var otherOffice = _given.TasksAs(coordinating.Token(Roles.FollowUpOffice));

        var seen = (await otherOffice.GetTaskAsync(new GetTaskRequest { TaskId = task.TaskId })).Task;
        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => otherOffice.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = task.TaskId, ReportId = report.Report.ReportId }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => otherOffice.SendBackReportAsync(new SendBackReportRequest { TaskId = task.TaskId, ReportId = report.Report.ReportId, Reason = "Không đạt" }).ResponseAsync);
        var confirmed = await _given.TasksAs(agency.Token(Roles.FollowUpOffice))
            .ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = task.TaskId, ReportId = report.Report.ReportId });

        Assert.Equal(task.TaskId, seen.TaskId);
        Assert.Equal(ReportState.Confirmed, confirmed.Report.State);
    }

    [Fact]
    public async Task Status_follows_the_deadline_overdue_when_past_done_late_when_finished_after_and_cancelled_when_cancelled()
    {
        var (agency, dispatch) = await DispatchAsync("K8");
        var followUp = _given.TasksAs(agency.Token(Roles.FollowUpOffice));
        var overdue = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, DirectivesScenario.Days(-7));
        var late = await _given.TaskAsync(dispatch.DocumentId, "2", agency.Division, DirectivesScenario.Days(-3));
        var cancelled = await _given.TaskAsync(dispatch.DocumentId, "3", agency.Division, DirectivesScenario.Days(-3));

        var report = await _given.ReportAsync(agency, late, 100);
        var doneLate = await followUp.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = late.TaskId, ReportId = report.Report.ReportId });
        var cancel = await followUp.CancelTaskAsync(new CancelTaskRequest { TaskId = cancelled.TaskId, Reason = "Nội dung đã được thay thế bởi văn bản khác" });

        Assert.Equal(DirectiveTaskStatus.Overdue, overdue.Status);
        Assert.Equal(DirectiveTaskStatus.DoneLate, doneLate.Task.Status);
        Assert.Equal(DirectiveTaskStatus.Cancelled, cancel.Task.Status);
        Assert.Equal("Nội dung đã được thay thế bởi văn bản khác", cancel.Task.CancelReason);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _given.ReportAsync(agency, cancelled, 10));
    }

    [Fact]
    public async Task A_task_broken_down_into_tasks_of_an_implementing_document_is_as_far_as_their_average()
    {
        var agency = await _given.AgencyAsync("K9");
        var directive = await _given.CreateAsync(DirectivesScenario.PartyDirective("90-CT/TU"));
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/K9-VP", agency.Code, (ReferenceKind.Implements, directive.DocumentId)));
        var unrelated = await _given.CreateAsync(DirectivesScenario.Dispatch("2/K9-VP", agency.Code));
        var parent = await _given.TaskAsync(directive.DocumentId, "6.1", agency.Code);
        var a = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Office, parent: parent.TaskId);
        var b = await _given.TaskAsync(dispatch.DocumentId, "2", agency.Division, parent: parent.TaskId);
        var c = await _given.TaskAsync(dispatch.DocumentId, "3", agency.Inspectorate, parent: parent.TaskId);
        await _given.ReportAsync(agency, a, 100);
        await _given.ReportAsync(agency, b, 50);
        await _given.Tasks.CancelTaskAsync(new CancelTaskRequest { TaskId = c.TaskId, Reason = "Gộp vào nhiệm vụ 2" });

        var rolledUp = (await _given.Tasks.GetTaskAsync(new GetTaskRequest { TaskId = parent.TaskId })).Task;
        var children = await _given.Tasks.ListTasksAsync(new ListTasksRequest { ParentTaskId = parent.TaskId });

        Assert.Equal((75, 3), (rolledUp.Percent, rolledUp.SubtaskCount));
        Assert.Equal(["1", "2", "3"], children.Tasks.Select(t => t.Number));
        await RpcAssert.InvalidFields(() => _given.TaskAsync(unrelated.DocumentId, "1", agency.Office, parent: parent.TaskId), "task.parent_task_id");
        var detaching = dispatch.Clone();
        detaching.References.Clear();
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _given.Documents.UpdateDocumentAsync(new UpdateDocumentRequest { Document = detaching }).ResponseAsync);
    }

    [Fact]
    public async Task A_task_is_updated_with_its_etag_and_a_stale_etag_is_aborted()
    {
        var (agency, dispatch) = await DispatchAsync("K10");
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Office, DirectivesScenario.Days(5));
        var edit = task.Clone();
        edit.Deadline = DirectivesScenario.Days(20);
        edit.CoordinatingUnitCodes.Add(agency.Division);
        edit.Officials.Add(new AssignedOfficial { Name = "Phạm Ngọc Thắng", Title = "Chánh Văn phòng" });

        var updated = (await _given.Tasks.UpdateTaskAsync(new UpdateTaskRequest { Task = edit })).Task;
        var stale = task.Clone();
        stale.Title = "Ghi đè";

        Assert.Equal(DirectivesScenario.Days(20), updated.Deadline);
        Assert.Equal("Phạm Ngọc Thắng", updated.Officials.Single().Name);
        await RpcAssert.FailsWith(StatusCode.Aborted, () => _given.Tasks.UpdateTaskAsync(new UpdateTaskRequest { Task = stale }).ResponseAsync);
    }

    [Fact]
    public async Task The_follow_up_office_assigns_only_to_units_of_its_own_agency()
    {
        var (agency, dispatch) = await DispatchAsync("K11");
        var other = await _given.AgencyAsync("K11X");
        var followUp = _given.TasksAs(agency.Token(Roles.FollowUpOffice));

        var own = await followUp.CreateTaskAsync(new CreateTaskRequest { Task = new DirectiveTask { DocumentId = dispatch.DocumentId, Number = "1", Title = "Rà soát", LeadUnitCode = agency.Division } });
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => followUp.CreateTaskAsync(new CreateTaskRequest
        {
            Task = new DirectiveTask { DocumentId = dispatch.DocumentId, Number = "2", Title = "Rà soát", LeadUnitCode = other.Division },
        }).ResponseAsync);

        Assert.Equal(agency.Division, own.Task.LeadUnitCode);
    }
}
