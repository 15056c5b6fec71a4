namespace Cchc.Directives.Domain.Tasks;

/// <summary>A task as the roll-up sees it.</summary>
public sealed record RollupNode(Guid Id, Guid? ParentId, int ReportedPercent, bool Done, bool Cancelled);

/// <summary>
/// How far a task is: a confirmed task is at 100%; a task broken down into sub-tasks is as far as
/// the average of its sub-tasks (recursively; cancelled ones do not count); any other task is at its
/// latest reported percent.
/// </summary>
public static class ProgressRollup
{
    public static IReadOnlyDictionary<Guid, int> Percentages(IReadOnlyCollection<RollupNode> nodes)
    {
        var children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        var result = new Dictionary<Guid, int>();
        foreach (var node in nodes)
        {
            Percent(node, children, result, depth: 0);
        }
        return result;
    }

    private static int Percent(RollupNode node, ILookup<Guid, RollupNode> children, Dictionary<Guid, int> known, int depth)
    {
        if (known.TryGetValue(node.Id, out var percent))
        {
            return percent;
        }
        // Parents follow the acyclic "implements" graph, so depth is bounded; the guard only stops corrupt data.
        if (depth > 64)
        {
            throw new InvalidOperationException($"Task {node.Id} is nested more than 64 levels deep.");
        }
        var counted = children[node.Id].Where(c => !c.Cancelled).ToList();
        percent = node.Done ? 100
            : counted.Count == 0 ? node.ReportedPercent
            : (int)Math.Round(counted.Average(c => Percent(c, children, known, depth + 1)), MidpointRounding.AwayFromZero);
        known[node.Id] = percent;
        return percent;
    }
}
