namespace Cchc.Directives.Domain.Documents;

/// <summary>
/// The "implements" references between documents, which must stay a forest: a document carrying out
/// another can never, however indirectly, be carried out by it.
/// </summary>
public static class ImplementsGraph
{
    /// <summary>
    /// The cycle that giving <paramref name="document"/> the outgoing references <paramref name="targets"/>
    /// would close, as the chain of documents from it back to itself; null when there is none.
    /// </summary>
    /// <param name="implements">Existing references, implementer → implemented; at least everything reachable from the targets.</param>
    public static IReadOnlyList<Guid>? FindCycle(Guid document, IEnumerable<Guid> targets, ILookup<Guid, Guid> implements)
    {
        foreach (var target in targets.Distinct())
        {
            var cameFrom = new Dictionary<Guid, Guid> { [target] = document };
            var queue = new Queue<Guid>([target]);
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                if (current == document)
                {
                    return PathBack(cameFrom, document);
                }
                foreach (var next in implements[current])
                {
                    if (cameFrom.TryAdd(next, current))
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }
        return null;
    }

    private static List<Guid> PathBack(Dictionary<Guid, Guid> cameFrom, Guid document)
    {
        var path = new List<Guid> { document };
        var step = cameFrom[document];
        while (step != document)
        {
            path.Add(step);
            step = cameFrom[step];
        }
        path.Add(document);
        path.Reverse();
        return path;
    }
}
