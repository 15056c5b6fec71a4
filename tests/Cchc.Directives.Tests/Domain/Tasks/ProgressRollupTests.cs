using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Tasks;

namespace Cchc.Directives.Tests;

public sealed class ProgressRollupTests
{
    private static readonly Guid Parent = Guid.NewGuid();

    [Fact]
    public void A_parent_is_as_far_as_the_average_of_its_sub_tasks_and_cancelled_ones_do_not_count()
    {
        var nodes = new[]
        {
            new RollupNode(Parent, null, ReportedPercent: 10, Done: false, Cancelled: false),
            new RollupNode(Guid.NewGuid(), Parent, 50, Done: false, Cancelled: false),
            new RollupNode(Guid.NewGuid(), Parent, 0, Done: true, Cancelled: false),
            new RollupNode(Guid.NewGuid(), Parent, 0, Done: false, Cancelled: true),
        };

        Assert.Equal(75, ProgressRollup.Percentages(nodes)[Parent]);
    }

    [Fact]
    public void Roll_up_runs_through_every_level()
    {
        var middle = Guid.NewGuid();
        var nodes = new[]
        {
            new RollupNode(Parent, null, 0, false, false),
            new RollupNode(middle, Parent, 0, false, false),
            new RollupNode(Guid.NewGuid(), middle, 20, false, false),
            new RollupNode(Guid.NewGuid(), middle, 40, false, false),
            new RollupNode(Guid.NewGuid(), Parent, 90, false, false),
        };

        var percent = ProgressRollup.Percentages(nodes);

        Assert.Equal(30, percent[middle]);
        Assert.Equal(60, percent[Parent]);
    }

    [Fact]
    public void A_confirmed_parent_is_complete_and_a_leaf_is_at_its_reported_percent()
    {
        var leaf = Guid.NewGuid();
        var nodes = new[] { new RollupNode(Parent, null, 0, Done: true, false), new RollupNode(leaf, Parent, 33, false, false) };

        var percent = ProgressRollup.Percentages(nodes);

        Assert.Equal(100, percent[Parent]);
        Assert.Equal(33, percent[leaf]);
    }
}
