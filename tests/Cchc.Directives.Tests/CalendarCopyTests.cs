using Cchc.Directives.Calendar;
using Cchc.Directives.V1;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using DossiersCalendar = Cchc.Dossiers.V1.WorkingCalendar;

namespace Cchc.Directives.Tests;

/// <summary>Directives counts working days on Dossiers' calendar, copied, and keeps the copy while Dossiers is down.</summary>
public sealed class CalendarCopyTests(ClockedDirectivesFixture fixture) : IClassFixture<ClockedDirectivesFixture>
{
    private readonly DirectivesScenario _given = new(fixture);
    private readonly DossiersCalendar.WorkingCalendarClient _dossiersCalendar = new(fixture.Dossiers.CreateChannel());

    private async Task<V1.DirectiveTask> DueInWorkingDaysAsync(string documentId, string number, string lead, int workingDays) =>
        (await _given.Tasks.CreateTaskAsync(new CreateTaskRequest
        {
            Task = new V1.DirectiveTask { DocumentId = documentId, Number = number, Title = $"Nhiệm vụ {number}", LeadUnitCode = lead, DueInWorkingDays = workingDays },
        })).Task;

    [Fact]
    public async Task Within_three_working_days_before_Tet_gives_the_day_Dossiers_gives_for_a_three_working_day_procedure()
    {
        var agency = await _given.AgencyAsync("L1");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/L1-VP", agency.Code));
        await fixture.Service<CalendarMirror>().RefreshAsync(CancellationToken.None);
        fixture.Clock.SetVietnam(2026, 2, 12, 9, 0);

        var task = await DueInWorkingDaysAsync(dispatch.DocumentId, "1", agency.Division, 3);
        var appointment = await _dossiersCalendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 12, 9, 0, 0, TimeSpan.FromHours(7))),
            AgencyCode = agency.Code,
            StatutoryTime = new StatutoryTime { Amount = "3", Unit = DurationUnit.WorkingDays },
        });

        // Friday 13, then the Tết break (16–20 February), then Monday 23 and Tuesday 24.
        Assert.Equal("2026-02-24", task.Deadline);
        Assert.Equal("2026-02-24", task.DueDate);
        Assert.StartsWith(task.Deadline, appointment.DueAtLocal);
    }

    [Fact]
    public async Task A_deadline_in_the_Tet_break_is_due_on_the_first_working_day_after_it()
    {
        var agency = await _given.AgencyAsync("L2");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/L2-VP", agency.Code));
        await fixture.Service<CalendarMirror>().RefreshAsync(CancellationToken.None);
        fixture.Clock.SetVietnam(2026, 2, 23, 9, 0);

        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, "2026-02-17");

        Assert.Equal(("2026-02-17", "2026-02-23", DirectiveTaskStatus.NotStarted), (task.Deadline, task.DueDate, task.Status));
    }

    [Fact]
    public async Task A_day_off_added_in_Dossiers_counts_after_the_next_refresh_and_the_copy_outlives_an_outage_of_Dossiers()
    {
        var agency = await _given.AgencyAsync("L3");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/L3-VP", agency.Code));
        var mirror = fixture.Service<CalendarMirror>();
        await mirror.RefreshAsync(CancellationToken.None);
        fixture.Clock.SetVietnam(2026, 10, 5, 9, 0);
        var before = await DueInWorkingDaysAsync(dispatch.DocumentId, "1", agency.Division, 2);

        await _dossiersCalendar.SetCalendarDayAsync(new SetCalendarDayRequest
        {
            Day = new CalendarDay { Date = "2026-10-07", Kind = Dossiers.V1.CalendarDayKind.Holiday, Name = "Ngày nghỉ bổ sung (thử nghiệm)", LegalReference = "Quyết định thử nghiệm" },
        });
        var notYetCopied = await DueInWorkingDaysAsync(dispatch.DocumentId, "2", agency.Division, 2);
        var refresh = await mirror.RefreshAsync(CancellationToken.None);
        var copied = await DueInWorkingDaysAsync(dispatch.DocumentId, "3", agency.Division, 2);
        fixture.DossiersUnreachable = true;
        try
        {
            await Assert.ThrowsAsync<RpcException>(() => mirror.RefreshAsync(CancellationToken.None));
            var duringOutage = await DueInWorkingDaysAsync(dispatch.DocumentId, "4", agency.Division, 2);

            Assert.Equal(("2026-10-07", "2026-10-07"), (before.Deadline, notYetCopied.Deadline));
            Assert.Equal("2026-10-08", copied.Deadline);
            Assert.Equal("2026-10-08", duringOutage.Deadline);
            Assert.Contains(2026, refresh.Years);
        }
        finally
        {
            fixture.DossiersUnreachable = false;
            await _dossiersCalendar.DeleteCalendarDayAsync(new DeleteCalendarDayRequest { Date = "2026-10-07" });
            await mirror.RefreshAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_deadline_in_working_days_must_be_at_least_one()
    {
        var agency = await _given.AgencyAsync("L4");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/L4-VP", agency.Code));

        await RpcAssert.InvalidFields(() => DueInWorkingDaysAsync(dispatch.DocumentId, "1", agency.Division, 0), "task.due_in_working_days");
    }
}
