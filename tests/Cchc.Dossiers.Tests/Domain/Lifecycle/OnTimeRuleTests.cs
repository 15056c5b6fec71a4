using Cchc.Dossiers.Domain.Lifecycle;

namespace Cchc.Dossiers.Tests.Domain.Lifecycle;

public class OnTimeRuleTests
{
    private static readonly DateTime Due = new(2026, 3, 12, 17, 0, 0);
    private static readonly DateTime PeriodEnd = new(2026, 3, 31, 23, 59, 59);

    [Fact]
    public void A_dossier_finished_before_its_appointment_is_on_time()
    {
        Assert.True(OnTimeRule.IsOnTime(Due, Due.AddHours(-3), supplementRequestCount: 0, PeriodEnd));
    }

    [Fact]
    public void A_dossier_finished_exactly_at_its_appointment_is_on_time()
    {
        Assert.True(OnTimeRule.IsOnTime(Due, Due, supplementRequestCount: 1, PeriodEnd));
    }

    [Fact]
    public void A_dossier_finished_a_minute_after_its_appointment_is_late()
    {
        Assert.False(OnTimeRule.IsOnTime(Due, Due.AddMinutes(1), supplementRequestCount: 0, PeriodEnd));
    }

    [Fact]
    public void A_second_supplement_request_makes_the_dossier_late_even_if_finished_early()
    {
        Assert.False(OnTimeRule.IsOnTime(Due, Due.AddDays(-2), supplementRequestCount: 2, PeriodEnd));
    }

    [Fact]
    public void An_unfinished_dossier_whose_appointment_is_after_the_period_end_is_on_time()
    {
        Assert.True(OnTimeRule.IsOnTime(new DateTime(2026, 4, 3, 17, 0, 0), finishedAt: null, supplementRequestCount: 1, PeriodEnd));
    }

    [Fact]
    public void An_unfinished_dossier_past_its_appointment_at_the_period_end_is_late()
    {
        Assert.False(OnTimeRule.IsOnTime(Due, finishedAt: null, supplementRequestCount: 0, PeriodEnd));
    }

    [Fact]
    public void A_negative_supplement_count_is_rejected()
    {
        Action act = () => OnTimeRule.IsOnTime(Due, null, -1, PeriodEnd);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }
}
