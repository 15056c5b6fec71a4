using Cchc.SharedKernel.ServiceIndex;

namespace Cchc.Indexes.Tests;

/// <summary>The 766 on-time judgement (<c>shared/Cchc.SharedKernel/ServiceIndex/OnTimeRule.cs</c>), from hand-made cases.</summary>
public sealed class OnTimeRuleTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 12, 17, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset PeriodEnd = new(2026, 3, 31, 23, 59, 59, TimeSpan.FromHours(7));

    [Fact]
    public void A_dossier_finished_before_its_appointment_is_on_time() =>
        Assert.True(OnTimeRule.IsOnTime(Due, Due.AddHours(-3), pausedAt: null, supplementRequestCount: 0, PeriodEnd));

    [Fact]
    public void A_dossier_finished_exactly_at_its_appointment_after_one_supplement_request_is_on_time() =>
        Assert.True(OnTimeRule.IsOnTime(Due, Due, pausedAt: null, supplementRequestCount: 1, PeriodEnd));

    [Fact]
    public void A_dossier_finished_a_minute_after_its_appointment_is_late() =>
        Assert.False(OnTimeRule.IsOnTime(Due, Due.AddMinutes(1), pausedAt: null, supplementRequestCount: 0, PeriodEnd));

    [Fact]
    public void A_second_supplement_request_makes_the_dossier_late_even_if_finished_early() =>
        Assert.False(OnTimeRule.IsOnTime(Due, Due.AddDays(-2), pausedAt: null, supplementRequestCount: 2, PeriodEnd));

    [Fact]
    public void An_unfinished_dossier_whose_appointment_is_after_the_period_end_is_on_time() =>
        Assert.True(OnTimeRule.IsOnTime(PeriodEnd.AddDays(3), finishedAt: null, pausedAt: null, supplementRequestCount: 1, PeriodEnd));

    [Fact]
    public void An_unfinished_dossier_past_its_appointment_at_the_period_end_is_late() =>
        Assert.False(OnTimeRule.IsOnTime(Due, finishedAt: null, pausedAt: null, supplementRequestCount: 0, PeriodEnd));

    [Fact]
    public void A_dossier_waiting_for_a_supplement_asked_before_its_appointment_is_on_time_whenever_it_is_judged() =>
        Assert.True(OnTimeRule.IsOnTime(Due, finishedAt: null, pausedAt: Due.AddDays(-1), supplementRequestCount: 1, PeriodEnd));

    [Fact]
    public void A_dossier_waiting_for_a_supplement_asked_after_its_appointment_is_late() =>
        Assert.False(OnTimeRule.IsOnTime(Due, finishedAt: null, pausedAt: Due.AddHours(1), supplementRequestCount: 1, PeriodEnd));

    [Fact]
    public void The_finish_counts_before_a_pause_left_over() =>
        Assert.True(OnTimeRule.IsOnTime(Due, finishedAt: Due.AddHours(-1), pausedAt: Due.AddDays(1), supplementRequestCount: 1, PeriodEnd));

    [Fact]
    public void The_same_moment_in_another_offset_is_the_same_judgement() =>
        Assert.True(OnTimeRule.IsOnTime(Due, Due.ToUniversalTime(), pausedAt: null, supplementRequestCount: 0, PeriodEnd));

    [Fact]
    public void A_negative_supplement_count_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OnTimeRule.IsOnTime(Due, null, null, -1, PeriodEnd));
}
