using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.Domain.Lifecycle;
using Cchc.Dossiers.Lifecycle;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.Records;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Tests.Lifecycle;

/// <summary>
/// The legal clock of <c>services/Dossiers/Lifecycle/DossierTransitions.cs</c>, computed by hand on
/// the default desk (07:30–11:30, 13:30–17:00, a 7 h 30 min day, cut-off 15:00) in March 2025, a
/// month without holidays: Monday 3 March to Friday 7 March, then Monday 10 March.
/// </summary>
public sealed class DossierTransitionsTests
{
    private static readonly AppointmentCalculator Calculator = new(new WorkingCalendar(OfficialSchedules.Vietnam2024_2026));
    private static readonly IntakePolicy Policy = IntakePolicy.Default;
    private static readonly DossierTransitions FiveWorkingDays = new(Calculator, Policy, StatutoryDuration.WorkingDaysOf(5));

    /// <summary>An instant given in Vietnam time.</summary>
    private static DateTimeOffset At(int day, int hour, int minute, int month = 3) => new(2025, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    private static Dossier NewDossier(IntakeChannel channel = IntakeChannel.InPerson) => new()
    {
        Code = "QT.SKHCN-250303-0001",
        RequestFingerprint = "",
        ProcedureCode = "1.000001",
        AgencyCode = "QT.SKHCN",
        ReceivingUnitCode = "QT.SKHCN.MC",
        CurrentUnitCode = "QT.SKHCN.MC",
        Channel = channel,
        ApplicantIdentityNumber = "001090000001",
        ApplicantName = "Nguyễn Văn A",
        ApplicantPhone = "0900000001",
        ApplicantAddress = "Quảng Trị",
        LookupSecretHash = "",
    };

    private static ActionInput Do(DossierAction action, string? nextUnit = null, TimeSpan? allowance = null, string reason = "", string requirements = "") =>
        new(action, reason, requirements, nextUnit, allowance);

    private static Dossier Received(DateTimeOffset at, IntakeChannel channel = IntakeChannel.InPerson)
    {
        var dossier = NewDossier(channel);
        FiveWorkingDays.Apply(dossier, DossierStatus.Received, Do(DossierAction.Receive), at);
        return dossier;
    }

    [Fact]
    public void Receiving_at_09_00_on_Monday_starts_the_clock_then_and_gives_five_working_days_to_the_next_Monday_17_00()
    {
        var dossier = Received(At(3, 9, 0));

        Assert.Equal(At(3, 9, 0), dossier.ReceivedAt);
        Assert.Equal(At(3, 9, 0), dossier.LegalStart);
        Assert.Equal(At(10, 17, 0), dossier.DueAt);
        Assert.Equal(At(10, 17, 0), dossier.LegalDueAt);
        Assert.Equal(TimeSpan.Zero, dossier.DueAt.Offset);   // stored in UTC
        Assert.Null(dossier.TargetDueAt);
        Assert.False(dossier.CalendarProvisional);
        // The desk's step lasts until 17:00 the same day: 09:00–11:30 and 13:30–17:00.
        Assert.Equal(At(3, 9, 0), dossier.CurrentStepStartedAt);
        Assert.Equal(150 + 210, dossier.CurrentStepAllowanceMinutes);
        Assert.Equal(DossierStatus.Received, dossier.Status);
    }

    [Theory]
    [InlineData(IntakeChannel.InPerson, 90 + 450)] // after the cut-off on paper: the desk hands over by the end of Tuesday
    [InlineData(IntakeChannel.Post, 90 + 450)]
    [InlineData(IntakeChannel.Online, 90)]         // online: the same day, whatever the time
    public void A_paper_dossier_received_after_the_cut_off_gives_the_desk_until_the_end_of_the_next_working_day(IntakeChannel channel, int deskMinutes)
    {
        var dossier = Received(At(3, 15, 30), channel);

        // Five working days are not a same-day procedure: the legal clock still starts at the receipt.
        Assert.Equal(At(3, 15, 30), dossier.LegalStart);
        Assert.Equal(At(10, 17, 0), dossier.DueAt);
        Assert.Equal(deskMinutes, dossier.CurrentStepAllowanceMinutes);
    }

    [Fact]
    public void A_target_time_is_cut_from_the_statutory_time_on_the_same_calendar()
    {
        var transitions = new DossierTransitions(Calculator, Policy, StatutoryDuration.WorkingDaysOf(5), StatutoryDuration.WorkingDaysOf(3));
        var dossier = NewDossier();

        transitions.Apply(dossier, DossierStatus.Received, Do(DossierAction.Receive), At(3, 9, 0));

        Assert.Equal(At(10, 17, 0), dossier.DueAt);
        Assert.Equal(At(6, 17, 0), dossier.TargetDueAt);
    }

    [Fact]
    public void A_supplement_request_on_a_received_dossier_pauses_it_and_counts()
    {
        var dossier = Received(At(3, 9, 0));

        var effects = FiveWorkingDays.Apply(dossier, DossierStatus.SupplementRequested,
            Do(DossierAction.RequestSupplement, reason: "Thiếu bản sao", requirements: "Bản sao CCCD"), At(4, 10, 0));

        Assert.Equal(At(4, 10, 0), dossier.PausedAt);
        Assert.Equal(1, dossier.SupplementRequestCount);
        Assert.Equal("Bản sao CCCD", dossier.SupplementRequirements);
        Assert.Equal("Thiếu bản sao", dossier.LastReason);
        Assert.Equal(At(10, 17, 0), dossier.DueAt);   // the pause moves nothing until it ends
        Assert.Equal(new TransitionEffects(DossierStatus.Received, DossierStatus.SupplementRequested, null, null, null), effects);
    }

    [Fact]
    public void Guidance_before_an_online_dossier_is_received_is_not_counted_against_the_agency()
    {
        var dossier = NewDossier(IntakeChannel.Online);

        FiveWorkingDays.Apply(dossier, DossierStatus.SupplementRequested, Do(DossierAction.RequestSupplement, requirements: "Ảnh chân dung"), At(3, 9, 0));

        Assert.Equal(At(3, 9, 0), dossier.PausedAt);
        Assert.Equal(0, dossier.SupplementRequestCount);
        Assert.Null(dossier.ReceivedAt);
    }

    [Fact]
    public void A_supplement_a_working_day_later_moves_the_appointment_and_the_legal_deadline_by_one_working_day()
    {
        var dossier = Received(At(3, 9, 0));
        FiveWorkingDays.Apply(dossier, DossierStatus.SupplementRequested, Do(DossierAction.RequestSupplement), At(4, 10, 0));

        var effects = FiveWorkingDays.Apply(dossier, DossierStatus.Received, Do(DossierAction.SupplementProvided), At(5, 10, 0));

        // Tuesday 10:00–11:30, 13:30–17:00 and Wednesday 07:30–10:00: 90 + 210 + 150 = 450 minutes, one working day.
        Assert.Equal(450, effects.PausedMinutes);
        Assert.Equal(At(10, 17, 0), effects.PreviousDueAt);
        Assert.Equal(At(11, 17, 0), dossier.DueAt);
        Assert.Equal(At(11, 17, 0), dossier.LegalDueAt);
        Assert.Null(dossier.PausedAt);
        Assert.Equal(450, dossier.PausedWorkingMinutes);
        Assert.Equal(450, dossier.CurrentStepPausedMinutes);
    }

    [Fact]
    public void A_pause_over_the_weekend_counts_only_working_time()
    {
        var dossier = Received(At(3, 9, 0));
        FiveWorkingDays.Apply(dossier, DossierStatus.SupplementRequested, Do(DossierAction.RequestSupplement), At(7, 16, 0));

        var effects = FiveWorkingDays.Apply(dossier, DossierStatus.Received, Do(DossierAction.SupplementProvided), At(10, 8, 0));

        // Friday 16:00–17:00 and Monday 07:30–08:00: 90 minutes; Monday 10 March 17:00 moves to Tuesday 11 March 09:00.
        Assert.Equal(60 + 30, effects.PausedMinutes);
        Assert.Equal(At(11, 9, 0), dossier.DueAt);
    }

    [Fact]
    public void A_moved_appointment_keeps_the_apology_letter_apart_from_the_legal_deadline()
    {
        var dossier = Received(At(3, 9, 0));
        dossier.DueAt = At(12, 17, 0);   // as an apology letter sets it
        FiveWorkingDays.Apply(dossier, DossierStatus.SupplementRequested, Do(DossierAction.RequestSupplement), At(4, 10, 0));

        FiveWorkingDays.Apply(dossier, DossierStatus.Received, Do(DossierAction.SupplementProvided), At(5, 10, 0));

        Assert.Equal(At(13, 17, 0), dossier.DueAt);
        Assert.Equal(At(11, 17, 0), dossier.LegalDueAt);
    }

    [Fact]
    public void A_supplement_before_an_online_dossier_was_received_starts_the_clock_and_hands_it_over_at_once()
    {
        var dossier = NewDossier(IntakeChannel.Online);
        dossier.CurrentStepStartedAt = At(3, 9, 0);
        FiveWorkingDays.Apply(dossier, DossierStatus.SupplementRequested, Do(DossierAction.RequestSupplement), At(3, 9, 0));

        var effects = FiveWorkingDays.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.SupplementProvided, nextUnit: "QT.SKHCN.P1"), At(4, 9, 0));

        Assert.Equal(At(4, 9, 0), dossier.ReceivedAt);
        Assert.Equal(At(4, 9, 0), dossier.LegalStart);
        Assert.Equal(At(11, 17, 0), dossier.DueAt);
        Assert.Null(dossier.PausedAt);
        Assert.Null(effects.PausedMinutes);
        Assert.NotNull(effects.HandOver);
        Assert.Equal("QT.SKHCN.P1", dossier.CurrentUnitCode);
        // The new unit's step runs to the appointment: Tuesday 09:00–17:00 (360) and five more working days (5 × 450).
        Assert.Equal(360 + 5 * 450, dossier.CurrentStepAllowanceMinutes);
    }

    [Fact]
    public void Handing_over_judges_the_step_that_ends_and_starts_the_next_with_the_time_until_the_appointment()
    {
        var dossier = Received(At(3, 9, 0));

        var effects = FiveWorkingDays.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.StartProcessing, nextUnit: "QT.SKHCN.P1"), At(3, 10, 0));

        Assert.Equal(new HandOver("QT.SKHCN.MC", "QT.SKHCN.P1", At(3, 9, 0), 360, 60, StepOutcome.Early), effects.HandOver);
        Assert.Equal("QT.SKHCN.P1", dossier.CurrentUnitCode);
        Assert.Equal(At(3, 10, 0), dossier.CurrentStepStartedAt);
        // Monday 10:00–17:00 is 300 minutes, Tuesday to the next Monday five days of 450.
        Assert.Equal(300 + 5 * 450, dossier.CurrentStepAllowanceMinutes);
        Assert.Equal(0, dossier.CurrentStepPausedMinutes);
    }

    [Theory]
    [InlineData(17, 0, 360, StepOutcome.OnTime)]
    [InlineData(10, 0, 450, StepOutcome.Late)]     // Tuesday 10:00: 360 + 150 minutes, less the hour asked for below
    public void A_step_is_on_time_at_its_allowance_and_late_after_it_with_its_pauses_left_out(int hour, int minute, int used, StepOutcome outcome)
    {
        var dossier = Received(At(3, 9, 0));
        var handedOverAt = hour == 17 ? At(3, hour, minute) : At(4, hour, minute);
        if (hour != 17)
        {
            dossier.CurrentStepPausedMinutes = 60;
        }

        var effects = FiveWorkingDays.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.StartProcessing, nextUnit: "QT.SKHCN.P1"), handedOverAt);

        Assert.Equal(used, effects.HandOver!.UsedMinutes);
        Assert.Equal(outcome, effects.HandOver.Outcome);
    }

    [Fact]
    public void A_given_allowance_wins_over_the_time_until_the_appointment()
    {
        var dossier = Received(At(3, 9, 0));

        FiveWorkingDays.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.StartProcessing, nextUnit: "QT.SKHCN.P1", allowance: TimeSpan.FromMinutes(90.9)), At(3, 10, 0));

        Assert.Equal(90, dossier.CurrentStepAllowanceMinutes);
    }

    [Theory]
    [InlineData("QT.SKHCN.P1", 2 * 450)]   // its own step: two working days
    [InlineData("QT.SKHCN.P9", 1 * 450)]   // the processing unit: the step without a unit
    [InlineData("QT.SKHCN.P2", 300 + 5 * 450)] // no step of its own: the time until the appointment
    public void The_procedures_process_gives_a_unit_its_steps_time(string unit, int allowance)
    {
        var procedure = new Procedure
        {
            Code = "1.000001", Name = "Cấp phép", Field = "KHCN", AgencyCode = "QT.SKHCN", ProcessingUnitCode = "QT.SKHCN.P9",
            StatutoryAmount = 5, StatutoryUnit = StatutoryUnit.WorkingDays,
            ProcessSteps =
            [
                new ProcessStep { Name = "Thẩm định", UnitCode = "QT.SKHCN.P1", Role = "processing_officer", Allowance = 2 },
                new ProcessStep { Name = "Xử lý", Role = "processing_officer", Allowance = 1 },
            ],
        };
        var transitions = DossierTransitions.For(Calculator, Policy, procedure);
        var dossier = NewDossier();
        transitions.Apply(dossier, DossierStatus.Received, Do(DossierAction.Receive), At(3, 9, 0));

        transitions.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.StartProcessing, nextUnit: unit), At(3, 10, 0));

        Assert.Equal(allowance, dossier.CurrentStepAllowanceMinutes);
    }

    [Fact]
    public void A_process_step_longer_than_the_time_left_ends_at_the_appointment()
    {
        var procedure = new Procedure
        {
            Code = "1.000001", Name = "Cấp phép", Field = "KHCN", AgencyCode = "QT.SKHCN",
            StatutoryAmount = 5, StatutoryUnit = StatutoryUnit.WorkingDays,
            ProcessSteps = [new ProcessStep { Name = "Thẩm định", UnitCode = "QT.SKHCN.P1", Role = "processing_officer", Allowance = 9 }],
        };
        var transitions = DossierTransitions.For(Calculator, Policy, procedure);
        var dossier = NewDossier();
        transitions.Apply(dossier, DossierStatus.Received, Do(DossierAction.Receive), At(3, 9, 0));

        transitions.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.StartProcessing, nextUnit: "QT.SKHCN.P1"), At(3, 10, 0));

        Assert.Equal(300 + 5 * 450, dossier.CurrentStepAllowanceMinutes);
    }

    [Fact]
    public void Completing_the_result_stops_the_clock_once_less_the_pauses_and_hands_the_dossier_back_to_the_desk()
    {
        var dossier = Received(At(3, 9, 0));
        FiveWorkingDays.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.StartProcessing, nextUnit: "QT.SKHCN.P1"), At(3, 10, 0));
        FiveWorkingDays.Apply(dossier, DossierStatus.SupplementRequested, Do(DossierAction.RequestSupplement), At(4, 10, 0));
        FiveWorkingDays.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.SupplementProvided), At(5, 10, 0));

        var effects = FiveWorkingDays.Apply(dossier, DossierStatus.ResultReady, Do(DossierAction.CompleteResult, allowance: TimeSpan.FromMinutes(450)), At(6, 9, 0));

        Assert.Equal(At(6, 9, 0), dossier.FinishedAt);
        // Monday 09:00 to Thursday 09:00 is three working days (1350 minutes), less the 450 paused.
        Assert.Equal(1350 - 450, dossier.ProcessingWorkingMinutes);
        Assert.Equal("QT.SKHCN.MC", dossier.CurrentUnitCode);
        // The unit's step: Monday 10:00 to Thursday 09:00 is 300 + 2 × 450 + 90 = 1290 minutes, 450 of them paused.
        Assert.Equal(new HandOver("QT.SKHCN.P1", "QT.SKHCN.MC", At(3, 10, 0), 300 + 5 * 450, 840, StepOutcome.Early), effects.HandOver);

        FiveWorkingDays.Apply(dossier, DossierStatus.Refused, Do(DossierAction.Refuse), At(7, 9, 0));

        Assert.Equal(At(6, 9, 0), dossier.FinishedAt);
    }

    [Fact]
    public void Returning_the_result_judges_the_desks_last_step_and_hands_it_to_nobody()
    {
        var dossier = Received(At(3, 9, 0));
        FiveWorkingDays.Apply(dossier, DossierStatus.ResultReady, Do(DossierAction.CompleteResult, allowance: TimeSpan.FromMinutes(60)), At(3, 10, 0));

        var effects = FiveWorkingDays.Apply(dossier, DossierStatus.ResultReturned, Do(DossierAction.ReturnResult), At(3, 14, 0));

        Assert.Equal(new HandOver("QT.SKHCN.MC", "", At(3, 10, 0), 60, 90 + 30, StepOutcome.Late), effects.HandOver);
        Assert.Equal("QT.SKHCN.MC", dossier.CurrentUnitCode);
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    public void A_payment_made_online_once_stays_online(bool before, bool now, bool after)
    {
        var dossier = Received(At(3, 9, 0));
        dossier.PaidOnline = before;

        FiveWorkingDays.Apply(dossier, dossier.Status, Do(DossierAction.PaymentConfirmed) with { PaidOnline = now }, At(3, 10, 0));

        Assert.Equal(after, dossier.PaidOnline);
    }

    [Fact]
    public void An_allowance_given_after_the_cut_off_counts_from_the_next_working_day()
    {
        var (workingTime, endsAt, provisional) = FiveWorkingDays.AllowanceFrom(At(3, 15, 30), StatutoryDuration.WorkingDaysOf(1));

        // From Tuesday 07:30, one working day ends on Wednesday 17:00; from Monday 15:30 that is 90 + 2 × 450 minutes.
        Assert.Equal(At(5, 17, 0), endsAt);
        Assert.Equal(TimeSpan.FromMinutes(90 + 2 * 450), workingTime);
        Assert.False(provisional);
    }

    [Fact]
    public void An_allowance_in_working_hours_before_the_cut_off_counts_from_then()
    {
        var (workingTime, endsAt, _) = FiveWorkingDays.AllowanceFrom(At(3, 10, 0), StatutoryDuration.WorkingHoursOf(4));

        // 10:00–11:30 and 13:30–16:00.
        Assert.Equal(At(3, 16, 0), endsAt);
        Assert.Equal(TimeSpan.FromHours(4), workingTime);
    }

    [Fact]
    public void A_reason_is_kept_only_when_one_is_given()
    {
        var dossier = Received(At(3, 9, 0));
        FiveWorkingDays.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.StartProcessing, nextUnit: "QT.SKHCN.P1", reason: "Chuyển xử lý"), At(3, 10, 0));

        FiveWorkingDays.Apply(dossier, DossierStatus.InProgress, Do(DossierAction.TransferOut, nextUnit: "QT.SKHCN.P2"), At(3, 11, 0));

        Assert.Equal("Chuyển xử lý", dossier.LastReason);
    }
}
