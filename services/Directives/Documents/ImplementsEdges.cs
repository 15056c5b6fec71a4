using Cchc.Directives.Data;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Documents;

/// <summary>Walks the "implements" references stored in the database.</summary>
public static class ImplementsEdges
{
    /// <summary>
    /// The "implements" references reachable from <paramref name="start"/>, level by level: towards
    /// what the documents implement, or towards the documents implementing them.
    /// </summary>
    public static async Task<List<(Guid From, Guid To)>> ReachableAsync(DirectivesDbContext db, IReadOnlyCollection<Guid> start, bool towardsImplemented,
        CancellationToken cancellationToken)
    {
        var edges = new List<(Guid From, Guid To)>();
        var seen = start.ToHashSet();
        var frontier = start.ToList();
        while (frontier.Count > 0)
        {
            var level = frontier;
            var references = db.DocumentReferences.AsNoTracking().Where(r => r.Kind == ReferenceKind.Implements);
            references = towardsImplemented ? references.Where(r => level.Contains(r.FromDocumentId)) : references.Where(r => level.Contains(r.ToDocumentId));
            var found = await references.Select(r => new { r.FromDocumentId, r.ToDocumentId }).ToListAsync(cancellationToken);
            edges.AddRange(found.Select(e => (e.FromDocumentId, e.ToDocumentId)));
            frontier = found.Select(e => towardsImplemented ? e.ToDocumentId : e.FromDocumentId).Where(seen.Add).ToList();
        }
        return edges;
    }

    /// <summary>A document and every document implementing it, at any depth.</summary>
    public static async Task<List<Guid>> TreeAsync(DirectivesDbContext db, Guid root, CancellationToken cancellationToken) =>
        (await ReachableAsync(db, [root], towardsImplemented: false, cancellationToken)).Select(e => e.From).Prepend(root).Distinct().ToList();
}
