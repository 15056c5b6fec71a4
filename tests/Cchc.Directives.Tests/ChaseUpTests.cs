using Cchc.Directives.Calendar;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.ChaseUps;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Directives.Tests;

/// <summary>Chase-ups (đôn đốc) and deadline notices, on the working calendar copied from Dossiers, each sent once.</summary>
public sealed class ChaseUpTests(ClockedDirectivesFixture fixture) : IClassFixture<ClockedDirectivesFixture>, IAsyncLifetime
{
    private readonly DirectivesScenario _given = new(fixture);

    public async Task InitializeAsync() => await fixture.Service<CalendarMirror>().RefreshAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ScanResult> ScanOn(int year, int month, int day)
    {
        fixture.Clock.SetVietnam(year, month, day, 8, 0);
        return await fixture.Service<ChaseUpScanner>().ScanAsync(CancellationToken.None);
    }

    private async Task<List<DirectiveChange>> EventsOf(string taskId)
    {
        var feed = new DirectiveChangeFeed.DirectiveChangeFeedClient(fixture.CreateChannel(TestIdentity.Token(Roles.Integrator)));
        var page = await feed.ReadChangesAsync(new ReadChangesRequest { PageSize = 500 });
        return page.Changes.Where(c => c.TaskId == taskId).ToList();
    }

    [Fact]
    public async Task The_lead_unit_is_chased_up_before_on_and_after_the_due_date_on_working_days_each_once_whatever_the_restarts()
    {
        var agency = await _given.AgencyAsync("C1");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/C1-VP", agency.Code));
        fixture.Clock.SetVietnam(2026, 4, 24, 8, 0);
        // Due Tuesday 5 May 2026; Monday 27 April (Giỗ Tổ, compensatory), 30 April and 1 May are days off.
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, "2026-05-05");

        foreach (var (month, day) in new[] { (4, 24), (4, 28), (4, 29), (5, 4), (5, 5), (5, 6), (5, 8), (5, 8) })
        {
            await ScanOn(2026, month, day);
        }
        await using (var restarted = fixture.StartInstance())
        {
            var again = await restarted.Services.GetRequiredService<ChaseUpScanner>().ScanAsync(CancellationToken.None);
            Assert.Equal(0, again.ChaseUps + again.Overdue + again.ReportsDue);
        }

        var division = _given.TasksAs(agency.Token(Roles.ProcessingOfficer, agency.Division));
        var chaseUps = (await division.ListChaseUpsAsync(new ListChaseUpsRequest { TaskId = task.TaskId })).ChaseUps;
        var seen = (await division.GetTaskAsync(new GetTaskRequest { TaskId = task.TaskId })).Task;
        var events = await EventsOf(task.TaskId);

        Assert.Equal([(V1.ChaseUpStage.AfterDue, -3), (V1.ChaseUpStage.OnDue, 0), (V1.ChaseUpStage.BeforeDue, 1), (V1.ChaseUpStage.BeforeDue, 3)],
            chaseUps.Select(c => (c.Stage, c.WorkingDaysToDue)));
        Assert.All(chaseUps, c => Assert.Equal((agency.Division, "2026-05-05", ChaseUps.ChaseUp.System), (c.LeadUnitCode, c.DueDate, c.SentBy)));
        Assert.Equal(
            "Nhiệm vụ 1 “Nhiệm vụ 1” (văn bản 1/C1-VP) còn 3 ngày làm việc đến hạn (05/05/2026). Đề nghị Phòng Quản lý Công nghệ và Chuyên ngành khẩn trương thực hiện và báo cáo kết quả đúng hạn.",
            chaseUps[3].Message);
        Assert.Contains("đã quá hạn 3 ngày làm việc (hạn 05/05/2026)", chaseUps[0].Message);
        Assert.Equal((4, DirectiveTaskStatus.Overdue), (seen.ChaseUpCount, seen.Status));
        Assert.Equal(
        [
            DirectiveEventTypes.TaskCreated, DirectiveEventTypes.ChaseUp, DirectiveEventTypes.ChaseUp, DirectiveEventTypes.ChaseUp,
            DirectiveEventTypes.Overdue, DirectiveEventTypes.ChaseUp,
        ], events.Select(e => e.Type));
        var last = events[^1].Payload.Fields;
        Assert.Equal(("AFTER_DUE", agency.Division, agency.Code, chaseUps[0].Message),
            (last["stage"].StringValue, last["leadUnitCode"].StringValue, last["agencyCode"].StringValue, last["message"].StringValue));
        Assert.Equal(1, events[4].Payload.Fields["workingDaysLate"].NumberValue);
    }

    [Fact]
    public async Task A_task_done_before_its_due_date_is_not_chased_up_nor_a_cancelled_one()
    {
        var agency = await _given.AgencyAsync("C2");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/C2-VP", agency.Code));
        fixture.Clock.SetVietnam(2026, 6, 1, 8, 0);
        var done = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, "2026-06-04");
        var cancelled = await _given.TaskAsync(dispatch.DocumentId, "2", agency.Division, "2026-06-04");
        var open = await _given.TaskAsync(dispatch.DocumentId, "3", agency.Division, "2026-06-04");
        var followUp = _given.TasksAs(agency.Token(Roles.FollowUpOffice));
        var report = await _given.ReportAsync(agency, done, 100);
        await followUp.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = done.TaskId, ReportId = report.Report.ReportId });
        await followUp.CancelTaskAsync(new CancelTaskRequest { TaskId = cancelled.TaskId, Reason = "Không còn phù hợp" });

        await ScanOn(2026, 6, 1);
        await ScanOn(2026, 6, 9);

        async Task<int> Count(V1.DirectiveTask task) => (await _given.Tasks.ListChaseUpsAsync(new ListChaseUpsRequest { TaskId = task.TaskId })).ChaseUps.Count;
        Assert.Equal((0, 0, 2), (await Count(done), await Count(cancelled), await Count(open)));
        Assert.DoesNotContain(await EventsOf(done.TaskId), e => e.Type == DirectiveEventTypes.Overdue);
    }

    [Fact]
    public async Task The_follow_up_office_chases_up_by_hand_once_per_request_id_and_only_an_open_task_it_can_see()
    {
        var agency = await _given.AgencyAsync("C3");
        var other = await _given.AgencyAsync("C4");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/C3-VP", agency.Code));
        fixture.Clock.SetVietnam(2026, 7, 1, 8, 0);
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, "2026-07-10");
        var done = await _given.TaskAsync(dispatch.DocumentId, "2", agency.Division, "2026-07-10");
        var followUp = _given.TasksAs(agency.Token(Roles.FollowUpOffice));
        var report = await _given.ReportAsync(agency, done, 100);
        await followUp.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = done.TaskId, ReportId = report.Report.ReportId });
        var request = new SendChaseUpRequest
        {
            TaskId = task.TaskId, RequestId = Guid.NewGuid().ToString(),
            Message = "Đề nghị Phòng Quản lý Công nghệ và Chuyên ngành báo cáo tiến độ trước ngày 08/7/2026.",
        };

        var sent = (await followUp.SendChaseUpAsync(request)).ChaseUp;
        var retried = (await followUp.SendChaseUpAsync(request)).ChaseUp;
        var reused = request.Clone();
        reused.Message = "Nội dung khác";
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => followUp.SendChaseUpAsync(reused).ResponseAsync);
        await RpcAssert.InvalidFields(() => followUp.SendChaseUpAsync(new SendChaseUpRequest { TaskId = task.TaskId, Message = " ", RequestId = "x" }).ResponseAsync,
            "message", "request_id");
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => followUp.SendChaseUpAsync(new SendChaseUpRequest { TaskId = done.TaskId, Message = "Đề nghị báo cáo" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => _given.TasksAs(other.Token(Roles.FollowUpOffice)).SendChaseUpAsync(new SendChaseUpRequest { TaskId = task.TaskId, Message = "Đề nghị báo cáo" }).ResponseAsync);
        var listed = (await _given.TasksAs(agency.Token(Roles.UnitHead, agency.Division)).ListChaseUpsAsync(new ListChaseUpsRequest { TaskId = task.TaskId })).ChaseUps;
        var events = (await EventsOf(task.TaskId)).Where(e => e.Type == DirectiveEventTypes.ChaseUp).ToList();

        Assert.Equal(sent.ChaseUpId, retried.ChaseUpId);
        Assert.Equal((V1.ChaseUpStage.Manual, "2026-07-10", 7, "test-follow_up_office"), (sent.Stage, sent.DueDate, sent.WorkingDaysToDue, sent.SentBy));
        Assert.Equal([sent.ChaseUpId], listed.Select(c => c.ChaseUpId));
        var chased = Assert.Single(events).Payload.Fields;
        Assert.Equal((false, request.Message, agency.Division), (chased["automatic"].BoolValue, chased["message"].StringValue, chased["leadUnitCode"].StringValue));
    }

    [Fact]
    public async Task A_quarterly_report_coming_due_is_announced_once_then_chased_up_and_marked_overdue_when_missed()
    {
        var agency = await _given.AgencyAsync("C5");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/C5-VP", agency.Code));
        fixture.Clock.SetVietnam(2026, 9, 1, 8, 0);
        var task = (await _given.Tasks.CreateTaskAsync(new CreateTaskRequest
        {
            Task = new V1.DirectiveTask
            {
                DocumentId = dispatch.DocumentId, Number = "TCTH", Title = "Định kỳ báo cáo Ban Giám đốc", LeadUnitCode = agency.Office,
                Recurrence = new Recurrence { Frequency = RecurrenceFrequency.Quarterly, DueDay = 20, DueMonth = 0, StartsOn = "2026-07-01" },
            },
        })).Task;

        // The Q3 report is due Sunday 20 September, so on Monday 21; five working days before is Monday 14.
        var tooEarly = await ScanOn(2026, 9, 11);
        await ScanOn(2026, 9, 14);
        await ScanOn(2026, 9, 15);
        await ScanOn(2026, 9, 16);
        await ScanOn(2026, 9, 22);
        var events = await EventsOf(task.TaskId);
        var chaseUps = (await _given.Tasks.ListChaseUpsAsync(new ListChaseUpsRequest { TaskId = task.TaskId })).ChaseUps;

        Assert.Equal(0, tooEarly.ReportsDue + tooEarly.ChaseUps);
        Assert.Equal([DirectiveEventTypes.TaskCreated, DirectiveEventTypes.ReportDue, DirectiveEventTypes.ChaseUp, DirectiveEventTypes.Overdue],
            events.Select(e => e.Type));
        var due = events[1].Payload.Fields;
        Assert.Equal(("2026-Q3", "2026-09-21", 5, agency.Code, agency.Office), (due["period"].StringValue, due["periodDueDate"].StringValue,
            (int)due["workingDaysLeft"].NumberValue, due["agencyCode"].StringValue, due["followUpUnitCode"].StringValue));
        var chased = Assert.Single(chaseUps);
        Assert.Equal(("2026-Q3", V1.ChaseUpStage.BeforeDue, 3), (chased.Period, chased.Stage, chased.WorkingDaysToDue));
        Assert.StartsWith("Báo cáo kỳ 2026-Q3 của nhiệm vụ TCTH “Định kỳ báo cáo Ban Giám đốc”", chased.Message);
        Assert.Equal("2026-Q3", events[3].Payload.Fields["period"].StringValue);
    }
}
