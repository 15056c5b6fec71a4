using Cchc.Dossiers.Domain.Calendar;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Tests.Domain.Calendar;

public class AppointmentCalculatorTests
{
    private static readonly AppointmentCalculator Calculator = new(new WorkingCalendar(OfficialSchedules.Vietnam2024_2026));
    private static readonly IntakePolicy Policy = IntakePolicy.Default;

    private static DateTime At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0);

    // --- Working days -------------------------------------------------------------------------

    [Fact]
    public void Five_working_days_from_the_Friday_before_Tet_2026_end_on_27_February()
    {
        var appointment = Calculator.Compute(At(2026, 2, 13, 10, 0), StatutoryDuration.WorkingDaysOf(5), Policy);

        Assert.Equal(At(2026, 2, 13, 10, 0), appointment.LegalStart);
        Assert.Equal(At(2026, 2, 27, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void A_one_working_day_dossier_received_at_16_00_on_the_Friday_before_Tet_2026_counts_from_the_receipt()
    {
        // The cut-off is for same-day procedures; one working day from Friday 13/2 is Monday 23/2 after Tết.
        var appointment = Calculator.Compute(At(2026, 2, 13, 16, 0), StatutoryDuration.WorkingDaysOf(1), Policy);

        Assert.Equal(At(2026, 2, 13, 16, 0), appointment.ReceivedAt);
        Assert.Equal(At(2026, 2, 13, 16, 0), appointment.LegalStart);
        Assert.Equal(At(2026, 2, 23, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void A_procedure_the_cutoff_applies_to_received_after_it_on_the_Friday_before_Tet_2026_starts_on_23_February()
    {
        var appointment = Calculator.Compute(At(2026, 2, 13, 16, 0), StatutoryDuration.WorkingDaysOf(1), Policy, ProcedureCutoff.Applies);

        Assert.Equal(At(2026, 2, 23, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2026, 2, 24, 17, 0), appointment.DueAt);
    }

    // --- The afternoon cut-off follows the procedure ---------------------------------------------

    [Fact]
    public void Five_working_days_received_on_Friday_17_January_2025_at_15_01_are_due_on_Friday_24_January()
    {
        var appointment = Calculator.Compute(At(2025, 1, 17, 15, 1), StatutoryDuration.WorkingDaysOf(5), Policy);

        Assert.Equal(At(2025, 1, 17, 15, 1), appointment.LegalStart);
        Assert.Equal(At(2025, 1, 24, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void A_same_day_procedure_received_on_Friday_17_January_2025_at_15_01_is_returned_on_Monday_20_January()
    {
        var appointment = Calculator.Compute(At(2025, 1, 17, 15, 1), StatutoryDuration.WorkingDaysOf(0), Policy);

        Assert.Equal(At(2025, 1, 20, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2025, 1, 20, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void An_agency_that_applies_the_cutoff_to_every_procedure_gets_the_old_answer_across_Tet_2025()
    {
        var everyProcedure = new IntakePolicy(new TimeOnly(15, 0), WorkingHours.Default, AfternoonCutoffScope.AllProcedures);

        var appointment = Calculator.Compute(At(2025, 1, 17, 15, 1), StatutoryDuration.WorkingDaysOf(5), everyProcedure);

        Assert.Equal(At(2025, 1, 20, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2025, 2, 3, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void The_procedures_own_rule_wins_over_the_agencys_scope()
    {
        var everyProcedure = new IntakePolicy(new TimeOnly(15, 0), WorkingHours.Default, AfternoonCutoffScope.AllProcedures);

        var exempt = Calculator.Compute(At(2025, 1, 17, 15, 1), StatutoryDuration.WorkingDaysOf(5), everyProcedure, ProcedureCutoff.DoesNotApply);
        var sameDayExempt = Calculator.Compute(At(2025, 1, 17, 15, 1), StatutoryDuration.WorkingDaysOf(0), Policy, ProcedureCutoff.DoesNotApply);

        Assert.Equal(At(2025, 1, 24, 17, 0), exempt.DueAt);
        Assert.Equal(At(2025, 1, 17, 17, 0), sameDayExempt.DueAt);
    }

    [Fact]
    public void A_receipt_after_the_desk_closes_counts_from_the_next_working_day_whatever_the_procedure()
    {
        var appointment = Calculator.Compute(At(2025, 1, 17, 17, 5), StatutoryDuration.WorkingDaysOf(5), Policy, ProcedureCutoff.DoesNotApply);

        Assert.Equal(At(2025, 1, 20, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2025, 2, 3, 17, 0), appointment.DueAt);
    }

    [Theory]
    [InlineData(0, DurationUnit.WorkingDays, true)]
    [InlineData(1, DurationUnit.WorkingDays, false)]
    [InlineData(4, DurationUnit.WorkingHours, true)]
    [InlineData(7.5, DurationUnit.WorkingHours, true)]
    [InlineData(8, DurationUnit.WorkingHours, false)]
    [InlineData(0, DurationUnit.CalendarDays, false)]
    public void A_same_day_procedure_is_one_resolved_within_a_working_day(decimal amount, DurationUnit unit, bool sameDay)
    {
        Assert.Equal(sameDay, Policy.IsSameDay(new StatutoryDuration(amount, unit)));
        Assert.Equal(sameDay, Policy.CutoffAppliesTo(new StatutoryDuration(amount, unit)));
    }

    [Fact]
    public void The_swapped_Saturday_10_January_2026_counts_as_a_working_day()
    {
        var appointment = Calculator.Compute(At(2026, 1, 9, 10, 0), StatutoryDuration.WorkingDaysOf(1), Policy);

        Assert.Equal(At(2026, 1, 10, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void A_dossier_received_on_the_swapped_off_Friday_2_January_2026_starts_on_Monday_5_January()
    {
        var appointment = Calculator.Compute(At(2026, 1, 2, 9, 0), StatutoryDuration.WorkingDaysOf(1), Policy);

        Assert.Equal(At(2026, 1, 5, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2026, 1, 6, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void One_working_day_from_31_December_2025_skips_New_Year_the_swapped_Friday_and_the_weekend()
    {
        var appointment = Calculator.Compute(At(2025, 12, 31, 10, 0), StatutoryDuration.WorkingDaysOf(1), Policy);

        Assert.Equal(At(2026, 1, 5, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void Two_working_days_from_29_April_2026_skip_30_April_1_May_and_the_weekend()
    {
        var appointment = Calculator.Compute(At(2026, 4, 29, 9, 0), StatutoryDuration.WorkingDaysOf(2), Policy);

        Assert.Equal(At(2026, 5, 5, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void Three_working_days_from_24_April_2026_skip_the_Gio_To_compensatory_Monday_and_30_April_1_May()
    {
        var appointment = Calculator.Compute(At(2026, 4, 24, 10, 0), StatutoryDuration.WorkingDaysOf(3), Policy);

        Assert.Equal(At(2026, 5, 4, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void One_working_day_from_Friday_21_August_2026_ends_on_the_swapped_Saturday_22_August()
    {
        var appointment = Calculator.Compute(At(2026, 8, 21, 10, 0), StatutoryDuration.WorkingDaysOf(1), Policy);

        Assert.Equal(At(2026, 8, 22, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void One_working_day_from_Friday_28_August_2026_skips_the_Quoc_khanh_break_and_ends_on_3_September()
    {
        var appointment = Calculator.Compute(At(2026, 8, 28, 10, 0), StatutoryDuration.WorkingDaysOf(1), Policy);

        Assert.Equal(At(2026, 9, 3, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void Zero_working_days_received_before_the_cutoff_are_due_at_the_end_of_the_same_day()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 10, 0), StatutoryDuration.WorkingDaysOf(0), Policy);

        Assert.Equal(At(2026, 3, 9, 10, 0), appointment.LegalStart);
        Assert.Equal(At(2026, 3, 9, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void Zero_working_days_received_after_the_cutoff_are_due_at_the_end_of_the_next_working_day()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 15, 30), StatutoryDuration.WorkingDaysOf(0), Policy);

        Assert.Equal(At(2026, 3, 10, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2026, 3, 10, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void A_dossier_received_exactly_at_the_cutoff_starts_on_the_next_working_day()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 15, 0), StatutoryDuration.WorkingDaysOf(0), Policy);

        Assert.Equal(At(2026, 3, 10, 7, 30), appointment.LegalStart);
    }

    [Fact]
    public void A_dossier_received_before_the_desk_opens_starts_at_07_30_the_same_day()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 6, 45), StatutoryDuration.WorkingDaysOf(1), Policy);

        Assert.Equal(At(2026, 3, 9, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2026, 3, 10, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void A_dossier_submitted_online_on_Sunday_starts_on_Monday_morning()
    {
        var appointment = Calculator.Compute(At(2026, 3, 8, 10, 0), StatutoryDuration.WorkingDaysOf(2), Policy);

        Assert.Equal(At(2026, 3, 9, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2026, 3, 11, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void A_desk_without_an_afternoon_cutoff_still_moves_receipts_after_17_00_to_the_next_day()
    {
        var lateDesk = new IntakePolicy(new TimeOnly(23, 59), WorkingHours.Default);

        var appointment = Calculator.Compute(At(2026, 3, 9, 17, 10), StatutoryDuration.WorkingDaysOf(0), lateDesk);

        Assert.Equal(At(2026, 3, 10, 7, 30), appointment.LegalStart);
        Assert.Equal(At(2026, 3, 10, 17, 0), appointment.DueAt);
    }

    // --- Working hours ------------------------------------------------------------------------

    [Fact]
    public void Two_working_hours_from_10_30_skip_the_lunch_break_and_end_at_14_30()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 10, 30), StatutoryDuration.WorkingHoursOf(2), Policy);

        Assert.Equal(At(2026, 3, 9, 14, 30), appointment.DueAt);
    }

    [Fact]
    public void Four_working_hours_from_14_00_continue_overnight_and_end_at_08_30_next_morning()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 14, 0), StatutoryDuration.WorkingHoursOf(4), Policy);

        Assert.Equal(At(2026, 3, 10, 8, 30), appointment.DueAt);
    }

    [Fact]
    public void Working_hours_that_run_out_exactly_at_noon_end_at_11_30_not_after_lunch()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 10, 0), StatutoryDuration.WorkingHoursOf(1.5m), Policy);

        Assert.Equal(At(2026, 3, 9, 11, 30), appointment.DueAt);
    }

    [Fact]
    public void Eight_working_hours_from_opening_time_end_half_an_hour_into_the_next_working_day()
    {
        var appointment = Calculator.Compute(At(2026, 3, 13, 7, 30), StatutoryDuration.WorkingHoursOf(8), Policy);

        Assert.Equal(At(2026, 3, 16, 8, 0), appointment.DueAt);
    }

    [Fact]
    public void Working_hours_received_after_the_cutoff_count_from_the_next_working_morning()
    {
        var appointment = Calculator.Compute(At(2026, 2, 13, 16, 0), StatutoryDuration.WorkingHoursOf(2.25m), Policy);

        Assert.Equal(At(2026, 2, 23, 9, 45), appointment.DueAt);
    }

    [Fact]
    public void Working_hours_received_at_lunch_start_counting_at_13_30()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 12, 0), StatutoryDuration.WorkingHoursOf(1), Policy);

        Assert.Equal(At(2026, 3, 9, 12, 0), appointment.LegalStart);
        Assert.Equal(At(2026, 3, 9, 14, 30), appointment.DueAt);
    }

    // --- Calendar days and months --------------------------------------------------------------

    [Fact]
    public void Fifteen_calendar_days_ending_on_a_working_day_are_due_that_afternoon()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 9, 0), StatutoryDuration.CalendarDaysOf(15), Policy);

        Assert.Equal(At(2026, 3, 24, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void Calendar_days_ending_on_30_April_2026_move_to_the_next_working_day_4_May()
    {
        var appointment = Calculator.Compute(At(2026, 4, 20, 9, 0), StatutoryDuration.CalendarDaysOf(10), Policy);

        Assert.Equal(At(2026, 5, 4, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void Calendar_days_ending_on_a_Sunday_move_to_Monday()
    {
        var appointment = Calculator.Compute(At(2026, 3, 9, 9, 0), StatutoryDuration.CalendarDaysOf(6), Policy);

        Assert.Equal(At(2026, 3, 16, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void One_month_from_31_January_2024_is_clamped_to_29_February_2024()
    {
        var appointment = Calculator.Compute(At(2024, 1, 31, 9, 0), StatutoryDuration.MonthsOf(1), Policy);

        Assert.Equal(At(2024, 2, 29, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void One_month_from_31_March_2026_is_clamped_to_the_30_April_holiday_and_moves_to_4_May()
    {
        var appointment = Calculator.Compute(At(2026, 3, 31, 9, 0), StatutoryDuration.MonthsOf(1), Policy);

        Assert.Equal(At(2026, 5, 4, 17, 0), appointment.DueAt);
    }

    [Fact]
    public void Three_months_from_13_February_2026_end_on_13_May_2026()
    {
        var appointment = Calculator.Compute(At(2026, 2, 13, 10, 0), StatutoryDuration.MonthsOf(3), Policy);

        Assert.Equal(At(2026, 5, 13, 17, 0), appointment.DueAt);
    }

    // --- Supplement pause -----------------------------------------------------------------------

    [Fact]
    public void A_pause_from_Friday_15_00_to_Monday_09_30_adds_four_working_hours()
    {
        var shifted = Calculator.ShiftForPause(
            dueAt: At(2026, 3, 11, 17, 0), pausedAt: At(2026, 3, 6, 15, 0), resumedAt: At(2026, 3, 9, 9, 30), Policy);

        Assert.Equal(At(2026, 3, 12, 11, 30), shifted);
    }

    [Fact]
    public void A_pause_entirely_over_a_weekend_does_not_move_the_appointment()
    {
        var shifted = Calculator.ShiftForPause(
            dueAt: At(2026, 3, 11, 17, 0), pausedAt: At(2026, 3, 6, 17, 30), resumedAt: At(2026, 3, 9, 7, 0), Policy);

        Assert.Equal(At(2026, 3, 11, 17, 0), shifted);
    }

    [Fact]
    public void A_pause_across_Tet_2026_counts_only_the_working_hours_around_it()
    {
        var shifted = Calculator.ShiftForPause(
            dueAt: At(2026, 2, 27, 17, 0), pausedAt: At(2026, 2, 13, 16, 0), resumedAt: At(2026, 2, 23, 8, 30), Policy);

        Assert.Equal(At(2026, 3, 2, 9, 30), shifted);
    }

    [Fact]
    public void A_resume_before_the_pause_is_rejected()
    {
        Action act = () => Calculator.ShiftForPause(At(2026, 3, 11, 17, 0), At(2026, 3, 9, 10, 0), At(2026, 3, 9, 9, 0), Policy);

        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void Working_time_between_two_instants_ignores_lunch_nights_and_holidays()
    {
        var worked = Calculator.WorkingTimeBetween(At(2026, 4, 29, 11, 0), At(2026, 5, 4, 8, 0), WorkingHours.Default);

        // 29/04: 11:00–11:30 and 13:30–17:00; 30/04–03/05 off; 04/05: 07:30–08:00.
        Assert.Equal(TimeSpan.FromHours(4.5), worked);
    }

    // --- Validation ---------------------------------------------------------------------------

    [Fact]
    public void A_negative_duration_is_rejected()
    {
        Action act = () => new StatutoryDuration(-1, DurationUnit.WorkingDays);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Theory]
    [InlineData(DurationUnit.WorkingDays)]
    [InlineData(DurationUnit.CalendarDays)]
    [InlineData(DurationUnit.Months)]
    public void Fractional_day_and_month_durations_are_rejected(DurationUnit unit)
    {
        Action act = () => new StatutoryDuration(1.5m, unit);

        var error = Assert.Throws<ArgumentException>(act);
        Assert.Contains(unit.ToString(), error.Message);
    }

    [Fact]
    public void Fractional_working_hours_are_accepted()
    {
        var duration = new StatutoryDuration(0.5m, DurationUnit.WorkingHours);

        Assert.Equal(0.5m, duration.Amount);
        Assert.Equal(DurationUnit.WorkingHours, duration.Unit);
    }

    [Fact]
    public void An_undefined_duration_unit_is_rejected()
    {
        Action act = () => new StatutoryDuration(1, (DurationUnit)42);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Fact]
    public void A_UTC_receipt_time_is_rejected_because_the_rules_are_in_Vietnam_local_time()
    {
        Action act = () => Calculator.Compute(
            new DateTime(2026, 3, 9, 3, 0, 0, DateTimeKind.Utc), StatutoryDuration.WorkingDaysOf(1), Policy);

        Assert.Throws<ArgumentException>(act);
    }
}
