using Cchc.Console.Presentation;
using Cchc.Dossiers.V1;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Console.Tests;

public sealed class DueMarkTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero); // 10:00 in Vietnam

    private static Timestamp In(TimeSpan span) => Timestamp.FromDateTimeOffset(Now + span);

    [Fact]
    public void A_dossier_in_progress_far_from_its_appointment_is_on_time() =>
        Assert.Equal(DueState.OnTime, DueMarks.Of(DossierStatus.InProgress, In(TimeSpan.FromDays(3)), onTime: true, Now));

    [Fact]
    public void Within_a_day_of_its_appointment_it_is_due_soon() =>
        Assert.Equal(DueState.DueSoon, DueMarks.Of(DossierStatus.InProgress, In(TimeSpan.FromHours(7)), onTime: true, Now));

    [Fact]
    public void Past_its_appointment_it_is_late() =>
        Assert.Equal(DueState.Late, DueMarks.Of(DossierStatus.Received, In(TimeSpan.FromMinutes(-1)), onTime: true, Now));

    [Fact]
    public void The_services_judgement_of_late_wins_over_a_future_appointment() =>
        // A second supplement request makes a dossier late (Quyết định 766) whatever its appointment.
        Assert.Equal(DueState.Late, DueMarks.Of(DossierStatus.InProgress, In(TimeSpan.FromDays(5)), onTime: false, Now));

    [Fact]
    public void Waiting_for_a_supplement_the_clock_is_paused() =>
        Assert.Equal(DueState.Paused, DueMarks.Of(DossierStatus.SupplementRequested, In(TimeSpan.FromHours(2)), onTime: true, Now));

    [Theory]
    [InlineData(DossierStatus.ResultReady, true, DueState.FinishedOnTime)]
    [InlineData(DossierStatus.ResultReturned, false, DueState.FinishedLate)]
    public void A_finished_dossier_keeps_the_services_judgement(DossierStatus status, bool onTime, DueState expected) =>
        Assert.Equal(expected, DueMarks.Of(status, In(TimeSpan.FromDays(-10)), onTime, Now));

    [Fact]
    public void Times_are_shown_in_Vietnam_time_with_dd_MM_yyyy_dates()
    {
        var at = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 27, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal("27/02/2026", VietnamTime.Date(at));
        Assert.Equal("17:00 ngày 27/02/2026", VietnamTime.DateTime(at));
        Assert.Equal("17:00 ngày 27/02/2026", VietnamTime.FromLocalText("2026-02-27T17:00:00+07:00"));
        // Late evening UTC is already the next day in Vietnam.
        Assert.Equal("01/03/2026", VietnamTime.Date(Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 28, 18, 0, 0, TimeSpan.Zero))));
    }
}
