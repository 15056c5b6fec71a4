using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.Domain.Procedures;

namespace Cchc.Dossiers.Tests.Domain.Procedures;

public sealed class ProcessingTargetsTests
{
    [Theory]
    [InlineData(15, DurationUnit.WorkingDays, 25, 11)]
    [InlineData(15, DurationUnit.WorkingDays, 50, 7)]
    [InlineData(20, DurationUnit.CalendarDays, 25, 15)]
    [InlineData(3, DurationUnit.Months, 25, 2)]
    [InlineData(4.5, DurationUnit.WorkingHours, 25, 3.37)]
    public void A_cut_is_rounded_down_so_the_target_cuts_at_least_the_percentage(decimal statutory, DurationUnit unit, int cut, decimal expected) =>
        Assert.Equal(expected, ProcessingTargets.FromCut(statutory, unit, cut));

    [Fact]
    public void A_cut_that_leaves_less_than_one_unit_gives_no_target() =>
        Assert.Null(ProcessingTargets.FromCut(1, DurationUnit.WorkingDays, 25));
}
