using Cchc.Dossiers.Domain.Lifecycle;

namespace Cchc.Dossiers.Tests.Domain.Lifecycle;

public class StepOutcomesTests
{
    [Theory]
    [InlineData(60, 0, StepOutcome.Early)]
    [InlineData(60, 59, StepOutcome.Early)]
    [InlineData(60, 60, StepOutcome.OnTime)]
    [InlineData(60, 61, StepOutcome.Late)]
    [InlineData(0, 0, StepOutcome.OnTime)]
    public void A_step_is_judged_by_comparing_minutes_used_with_minutes_allowed(int allowedMinutes, int usedMinutes, StepOutcome expected)
    {
        var outcome = StepOutcomes.Judge(TimeSpan.FromMinutes(allowedMinutes), TimeSpan.FromMinutes(usedMinutes));

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void Seconds_beyond_the_allowed_minute_still_count_as_on_time()
    {
        var outcome = StepOutcomes.Judge(TimeSpan.FromHours(4), TimeSpan.FromHours(4) + TimeSpan.FromSeconds(30));

        Assert.Equal(StepOutcome.OnTime, outcome);
    }

    [Fact]
    public void A_negative_time_used_is_rejected()
    {
        Action act = () => StepOutcomes.Judge(TimeSpan.FromHours(1), TimeSpan.FromMinutes(-1));

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }
}
