using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.Records;

namespace Cchc.Dossiers.Digitisation;

/// <summary>
/// The papers of a new dossier, given what the applicant has digitised before: a submitted paper
/// already digitised is marked reused and linked to the stored copy, and a paper the procedure
/// requires that the applicant has digitised is added as reused, so it is never asked for again.
/// </summary>
public static class PaperReuse
{
    /// <param name="digitised">The applicant's newest digitised document for each paper key (<see cref="PaperKeys"/>).</param>
    public static List<DossierPaper> Apply(IReadOnlyList<DossierPaper> submitted, IReadOnlyList<RequiredPaper> required, IReadOnlyDictionary<string, Guid> digitised)
    {
        var papers = submitted.Select(p =>
        {
            var found = digitised.TryGetValue(PaperKeys.Of(p.Code, p.Name), out var id);
            return new DossierPaper
            {
                Name = p.Name, Kind = p.Kind, Count = p.Count, Code = p.Code,
                DigitisedDocumentId = found ? id : null,
                Reused = found,
            };
        }).ToList();
        var present = papers.Select(p => PaperKeys.Of(p.Code, p.Name)).ToHashSet();
        foreach (var paper in required)
        {
            var key = PaperKeys.Of(paper);
            if (!present.Contains(key) && digitised.TryGetValue(key, out var id))
            {
                papers.Add(new DossierPaper
                {
                    Name = paper.Name, Kind = PaperKind.Electronic, Count = 1, Code = paper.Code,
                    DigitisedDocumentId = id, Reused = true,
                });
                present.Add(key);
            }
        }
        return papers;
    }
}
