using Cchc.Directives.Data;
using Cchc.Directives.Domain.Documents;
using Cchc.Directives.Tasks;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Cchc.SharedKernel.Text;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Documents;

/// <summary>
/// Documents as callers read them: one with its references' targets at a glance, pages of the list,
/// the search (words folded like Vietnamese typed without diacritics; a symbol outranks the words) and
/// the tree of documents implementing one, with the tasks the caller sees.
/// </summary>
public sealed class DocumentReader(DirectivesDbContext db, TaskReader taskReader)
{
    private const string ResourceType = DocumentGrpcService.ResourceType;
    private const int DefaultSearchPageSize = 20;
    private const int MaxSearchPageSize = 100;

    /// <summary>A page of the register, newest first, and the token of the next page (empty at the end).</summary>
    public async Task<(IReadOnlyList<DocumentSummary> Page, string NextPageToken)> ListAsync(V1.DocumentKind kind, string issuerUnitCode, int requestedPageSize,
        string pageToken, CancellationToken cancellationToken)
    {
        new Validation()
            .Require(Enum.IsDefined(kind), "kind", "must be a known document kind")
            .ThrowIfInvalid();
        var pageSize = PageTokens.Size(requestedPageSize);
        var after = PageTokens.Decode(pageToken);
        var query = db.Documents.AsNoTracking();
        if (kind != V1.DocumentKind.Unspecified)
        {
            var stored = (DocumentKind)kind;
            query = query.Where(d => d.Kind == stored);
        }
        if (issuerUnitCode.Length > 0)
        {
            query = query.Where(d => d.IssuerUnitCode == issuerUnitCode);
        }
        if (after is not null)
        {
            query = query.Where(d => string.Compare(d.SortKey, after) < 0);
        }

        var page = await query.OrderByDescending(d => d.SortKey).Select(SummaryColumns).Take(pageSize + 1).ToListAsync(cancellationToken);
        return (page.Take(pageSize).Select(s => s.Summary).ToList(), page.Count > pageSize ? PageTokens.Encode(page[pageSize - 1].SortKey) : "");
    }

    /// <summary>A page of the documents matching <paramref name="query"/>, best first, and the token of the next page (empty at the end).</summary>
    public async Task<(IReadOnlyList<SearchHit> Hits, string NextPageToken)> SearchAsync(string query, int requestedPageSize, string pageToken,
        CancellationToken cancellationToken)
    {
        var folded = VietnameseText.Fold(query).Trim();
        new Validation()
            .RequireText(query, "query", 200)
            .Require(query.Length == 0 || folded.Any(char.IsLetterOrDigit), "query", "must contain a letter or a digit")
            .Require(requestedPageSize is >= 0 and <= MaxSearchPageSize, "page_size", $"must be between 0 and {MaxSearchPageSize}")
            .ThrowIfInvalid();
        var pageSize = requestedPageSize == 0 ? DefaultSearchPageSize : requestedPageSize;
        var offset = 0;
        if (PageTokens.Decode(pageToken) is { } token && (!int.TryParse(token, out offset) || offset < 0))
        {
            throw RpcErrors.InvalidArgument(new FieldViolation("page_token", "is not a token returned by a previous call"));
        }

        // A query with a digit or a slash may be (part of) a symbol: "35-CT", "836/SKHCN".
        var symbolKey = VietnameseText.SymbolKey(query);
        var bySymbol = symbolKey.Any(char.IsAsciiDigit) || symbolKey.Contains('/');
        var contains = $"%{EscapeLike(symbolKey)}%";
        var startsWith = $"{EscapeLike(symbolKey)}%";
        var hits = await db.Documents.AsNoTracking()
            .Where(d => d.SearchVector!.Matches(EF.Functions.PlainToTsQuery("simple", folded))
                || (bySymbol && EF.Functions.Like(d.SymbolKey, contains, LikeEscape)))
            .Select(d => new
            {
                Document = d,
                // The symbol outranks the words: an exact symbol, then one it starts, then one it is part of.
                Score = (bySymbol && d.SymbolKey == symbolKey ? 4.0 : 0.0)
                    + (bySymbol && EF.Functions.Like(d.SymbolKey, startsWith, LikeEscape) ? 2.0 : 0.0)
                    + (bySymbol && EF.Functions.Like(d.SymbolKey, contains, LikeEscape) ? 1.0 : 0.0)
                    + (double)d.SearchVector!.RankCoverDensity(EF.Functions.PlainToTsQuery("simple", folded)),
            })
            .OrderByDescending(h => h.Score).ThenByDescending(h => h.Document.SortKey)
            .Select(h => new { Summary = SummaryOf(h.Document.Id, h.Document.Kind, h.Document.Symbol, h.Document.IssuerName,
                h.Document.IssueYear, h.Document.IssueMonth, h.Document.IssueDay, h.Document.Summary), h.Score })
            .Skip(offset).Take(pageSize + 1)
            .ToListAsync(cancellationToken);

        return (hits.Take(pageSize).Select(h => new SearchHit { Document = h.Summary, Score = h.Score }).ToList(),
            hits.Count > pageSize ? PageTokens.Encode((offset + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture)) : "");
    }


    /// <summary>The document and, below it, the documents implementing it, directly or not, each with the tasks the caller sees.</summary>
    public async Task<ImplementationNode> ImplementationTreeAsync(string documentId, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().RequireText(documentId, "document_id", 64).ThrowIfInvalid();
        var root = await FindAsync(documentId, tracking: false, cancellationToken);

        var implementers = (await ImplementsEdges.ReachableAsync(db, [root.Id], towardsImplemented: false, cancellationToken))
            .ToLookup(e => e.To, e => e.From);
        var ids = implementers.SelectMany(g => g).Append(root.Id).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(SummaryColumns)
            .ToDictionaryAsync(d => Guid.Parse(d.Summary.DocumentId), cancellationToken);
        var visibleTasks = await TaskReader.VisibleTo(db.Tasks.AsNoTracking(), caller)
            .Where(t => ids.Contains(t.DocumentId))
            .OrderBy(t => t.ListKey)
            .ToListAsync(cancellationToken);
        var described = await taskReader.DescribeAsync(visibleTasks, cancellationToken);
        var tasksByDocument = described.ToLookup(t => t.DocumentId);

        ImplementationNode Node(Guid id) => new()
        {
            Document = documents[id].Summary,
            Tasks = { tasksByDocument[id.ToString()] },
            // A document implementing two documents of the tree appears under each; the graph has no cycle, so this ends.
            ImplementedBy =
            {
                implementers[id].Distinct()
                    .OrderBy(child => documents[child].SortKey, StringComparer.Ordinal)
                    .Select(Node),
            },
        };
        return Node(root.Id);
    }


    public async Task<Document> FindAsync(string documentId, bool tracking, CancellationToken cancellationToken)
    {
        var id = TaskReader.ParseId(documentId);
        var query = (tracking ? db.Documents : db.Documents.AsNoTracking()).Include(d => d.References);
        return (id is null ? null : await query.FirstOrDefaultAsync(d => d.Id == id, cancellationToken))
            ?? throw RpcErrors.NotFound(ResourceType, documentId);
    }

    /// <summary>A document as callers read it, each reference with its target at a glance.</summary>
    public async Task<V1.Document> DescribeAsync(Document document, CancellationToken cancellationToken)
    {
        var targetIds = document.References.Select(r => r.ToDocumentId).Distinct().ToList();
        var targets = await db.Documents.AsNoTracking().Where(d => targetIds.Contains(d.Id)).Select(SummaryColumns)
            .ToDictionaryAsync(d => Guid.Parse(d.Summary.DocumentId), d => d.Summary, cancellationToken);
        var result = new V1.Document
        {
            DocumentId = document.Id.ToString(),
            Kind = (V1.DocumentKind)document.Kind,
            Symbol = document.Symbol,
            IssuerUnitCode = document.IssuerUnitCode ?? "",
            IssuerName = document.IssuerName,
            Term = document.Term,
            SignerName = document.SignerName,
            SignerTitle = document.SignerTitle,
            IssueDate = document.IssueDate.ToString(),
            EffectiveDate = document.EffectiveDate?.ToString(Dates.Format) ?? "",
            Summary = document.Summary,
            FullText = document.FullText,
            Remarks = document.Remarks,
            Numbered = document.Numbered,
            Etag = document.Etag,
            CreateTime = Timestamp.FromDateTimeOffset(document.CreatedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(document.UpdatedAt),
        };
        result.Attachments.AddRange(document.Attachments.Select(Files.ToContract));
        result.References.AddRange(document.References
            .OrderBy(r => r.Kind).ThenBy(r => targets[r.ToDocumentId].IssueDate, StringComparer.Ordinal)
            .Select(r => new V1.DocumentReference { Kind = (V1.ReferenceKind)r.Kind, DocumentId = r.ToDocumentId.ToString(), Target = targets[r.ToDocumentId] }));
        return result;
    }

    private sealed record SummaryRow(DocumentSummary Summary, string SortKey);

    private static readonly System.Linq.Expressions.Expression<Func<Document, SummaryRow>> SummaryColumns = d =>
        new SummaryRow(SummaryOf(d.Id, d.Kind, d.Symbol, d.IssuerName, d.IssueYear, d.IssueMonth, d.IssueDay, d.Summary), d.SortKey);

    private static DocumentSummary SummaryOf(Guid id, DocumentKind kind, string symbol, string issuerName, int year, int? month, int? day, string summary) => new()
    {
        DocumentId = id.ToString(),
        Kind = (V1.DocumentKind)kind,
        Symbol = symbol,
        IssuerName = issuerName,
        IssueDate = new PartialDate(year, month, day).ToString(),
        Summary = summary,
    };

    private const string LikeEscape = "\\";

    private static string EscapeLike(string text) => text.Replace(LikeEscape, LikeEscape + LikeEscape).Replace("%", LikeEscape + "%").Replace("_", LikeEscape + "_");
}
