using System.Text.RegularExpressions;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.Data;
using Cchc.Directives.Domain.Documents;
using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Tasks;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Documents;

/// <summary>
/// Registers and amends documents: validates what the caller gives in the contract's field order,
/// checks the registry, the caller's agency and the symbol's uniqueness, and keeps the "implements"
/// graph without cycles (one advisory lock for every change to it) and without orphaned sub-tasks; the
/// document and its change-feed event are saved together.
/// </summary>
public sealed partial class DocumentRegistrationHandler(DirectivesDbContext db, EventPayloads events, ILogger<DocumentRegistrationHandler> logger)
{
    private const string ResourceType = DocumentGrpcService.ResourceType;
    private const int MaxFullTextLength = 1_000_000;

    public async Task<Document> CreateAsync(V1.Document? input, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().Require(input is not null, "document", "is required").ThrowIfInvalid();
        var fields = await ReadAsync(input!, selfId: null, cancellationToken);
        var subject = caller.Subject;

        var document = new Document { CreatedBy = subject, UpdatedBy = subject };
        fields.ApplyTo(document);
        await EnsureUniqueAsync(document, cancellationToken);
        db.Documents.Add(document);
        await db.SaveWithEventsAsync(async ct => [await events.DocumentEventAsync(DirectiveEventTypes.DocumentCreated, document, ct)], cancellationToken);
        logger.LogInformation("Document {DocumentId} ({Symbol}) registered by {Subject}", document.Id, document.Symbol, subject);
        return document;
    }

    public async Task<Document> UpdateAsync(V1.Document? input, Caller caller, CancellationToken cancellationToken)
    {
        new Validation().Require(input is not null, "document", "is required").ThrowIfInvalid();
        new Validation()
            .RequireText(input!.DocumentId, "document.document_id", 64)
            .RequireText(input.Etag, "document.etag", 20)
            .Require(input.Etag.Length == 0 || uint.TryParse(input.Etag, out _), "document.etag", "must be the etag of a document read before")
            .ThrowIfInvalid();
        var id = TaskReader.ParseId(input.DocumentId) ?? throw RpcErrors.NotFound(ResourceType, input.DocumentId);
        var fields = await ReadAsync(input, selfId: id, cancellationToken);
        var subject = caller.Subject;

        // The graph check and the write are one transaction under one lock, so two concurrent edits
        // cannot each pass the check and together close a cycle.
        var strategy = db.Database.CreateExecutionStrategy();
        var document = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var document = await db.Documents.Include(d => d.References).FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
                ?? throw RpcErrors.NotFound(ResourceType, input.DocumentId);
            await EnsureMayEditAsync(caller, document, fields.IssuerUnitCode, cancellationToken);
            if (document.Etag != input.Etag)
            {
                throw RpcErrors.Aborted($"The document was changed after etag {input.Etag} was read; read it again (etag {document.Etag}) and reapply the change.");
            }
            // Also checked by the UPDATE itself, should a writer slip in between this read and the write.
            db.Entry(document).Property(d => d.Version).OriginalValue = uint.Parse(input.Etag);

            var before = Implemented(document.References.Select(r => (r.Kind, r.ToDocumentId)));
            var after = Implemented(fields.References);
            if (!before.SetEquals(after))
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ImplementsGraphLock})", cancellationToken);
                await EnsureNoCycleAsync(document, after.Except(before).ToList(), cancellationToken);
                await EnsureNoTaskBreaksDownAsync(document, before.Except(after).ToList(), cancellationToken);
            }
            fields.ApplyTo(document);
            document.UpdatedAt = ServiceClock.System.UtcNow();
            document.UpdatedBy = subject;
            await EnsureUniqueAsync(document, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await ChangeFeedWriter.AppendAsync(db, [await events.DocumentEventAsync(DirectiveEventTypes.DocumentUpdated, document, cancellationToken)], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return document;
        });
        logger.LogInformation("Document {DocumentId} ({Symbol}) updated by {Subject}", document.Id, document.Symbol, subject);
        return document;
    }

    // One lock for every change to "implements" references (PostgreSQL advisory locks take a bigint key).
    private const long ImplementsGraphLock = 0x43434843_0001;

    private static HashSet<Guid> Implemented(IEnumerable<(ReferenceKind Kind, Guid Target)> references) =>
        references.Where(r => r.Kind == ReferenceKind.Implements).Select(r => r.Target).ToHashSet();

    private async Task EnsureNoCycleAsync(Document document, IReadOnlyList<Guid> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0)
        {
            return;
        }
        // Everything the new targets implement, directly or not: a cycle is a way back to this document.
        var edges = await ImplementsReachableAsync(added, towardsImplemented: true, cancellationToken);
        if (ImplementsGraph.FindCycle(document.Id, added, edges.ToLookup(e => e.From, e => e.To)) is not { } cycle)
        {
            return;
        }
        var members = cycle.Distinct().ToList();
        var labels = await db.Documents.AsNoTracking().Where(d => members.Contains(d.Id))
            .Select(d => new { d.Id, d.Symbol, d.Numbered, d.IssueYear, d.IssueMonth, d.IssueDay })
            .ToDictionaryAsync(d => d.Id, d => Label(d.Id, d.Symbol, d.Numbered, new PartialDate(d.IssueYear, d.IssueMonth, d.IssueDay)), cancellationToken);
        var chain = string.Join(" → ", cycle.Select(id => labels[id]));
        throw RpcErrors.FailedPrecondition("IMPLEMENTS_CYCLE", string.Join(" → ", cycle),
            $"A document cannot implement, even indirectly, a document that implements it; this change would close the cycle {chain}.");
    }

    private Task<List<(Guid From, Guid To)>> ImplementsReachableAsync(IReadOnlyCollection<Guid> start, bool towardsImplemented, CancellationToken cancellationToken) =>
        ImplementsEdges.ReachableAsync(db, start, towardsImplemented, cancellationToken);

    /// <summary>Sub-tasks hang on tasks of the documents their document implements; that reference cannot go while they do.</summary>
    private async Task EnsureNoTaskBreaksDownAsync(Document document, IReadOnlyList<Guid> removed, CancellationToken cancellationToken)
    {
        if (removed.Count == 0)
        {
            return;
        }
        var dependent = await db.Tasks.AsNoTracking()
            .Where(t => t.DocumentId == document.Id && db.Tasks.Any(p => p.Id == t.ParentTaskId && removed.Contains(p.DocumentId)))
            .Select(t => t.Number)
            .ToListAsync(cancellationToken);
        if (dependent.Count > 0)
        {
            throw RpcErrors.FailedPrecondition("TASKS_BREAK_DOWN_IMPLEMENTED_DOCUMENT", document.Id.ToString(),
                $"Tasks {string.Join(", ", dependent.OrderBy(TaskNumber.SortKey, StringComparer.Ordinal))} of this document break down tasks of a document it would no longer implement; move or detach them first.");
        }
    }

    private async Task EnsureUniqueAsync(Document document, CancellationToken cancellationToken)
    {
        if (!document.Numbered)
        {
            return;
        }
        var taken = await db.Documents.AsNoTracking()
            .Where(d => d.Id != document.Id && d.Numbered && d.IssuerKey == document.IssuerKey
                && d.SymbolKey == document.SymbolKey && d.NumberingPeriod == document.NumberingPeriod)
            .Select(d => new { d.Id, d.Symbol })
            .FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            var period = document.Term.Length > 0 ? $"term {document.Term}" : $"year {document.NumberingPeriod}";
            throw RpcErrors.AlreadyExists(ResourceType, $"{taken.Symbol} of {document.IssuerName}, {period} (document {taken.Id})");
        }
    }

    private static string Label(Guid id, string symbol, bool numbered, PartialDate issued) =>
        numbered ? symbol : symbol.Length > 0 ? $"{symbol} ({issued})" : $"document {id} ({issued})";


    /// <summary>
    /// A document belongs to the agency that issued it (its issuer unit in the registry) or, for a body
    /// outside the registry, to the agency of the official who registered it. The follow-up office edits
    /// only its own agency's documents, and cannot move one to another agency's issuer; administrators
    /// edit any. Documents are readable by every caller, so this is PERMISSION_DENIED, not NOT_FOUND.
    /// </summary>
    private async Task EnsureMayEditAsync(Caller caller, Document document, string? newIssuerUnitCode, CancellationToken cancellationToken)
    {
        if (caller.IsIn(Roles.Administrator))
        {
            return;
        }
        var owned = document.IssuerUnitCode is { } issuer
            ? caller.CanAccessUnit(issuer)
            : await db.Officials.AsNoTracking().Where(o => o.Id == document.CreatedBy).Select(o => o.UnitCode)
                .FirstOrDefaultAsync(cancellationToken) is { } registrarUnit && caller.CanAccessUnit(registrarUnit);
        if (!owned)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Document {document.Id} ({document.Symbol}, {document.IssuerName}) belongs to another agency; its follow-up office or an administrator edits it."));
        }
        if (newIssuerUnitCode is not null && newIssuerUnitCode != document.IssuerUnitCode && !caller.CanAccessUnit(newIssuerUnitCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The issuer unit {newIssuerUnitCode} is outside your agency."));
        }
    }

    /// <summary>A document's fields as a caller sets them, validated and checked against the registry.</summary>
    private sealed record DocumentFields(
        DocumentKind Kind, string Symbol, string? IssuerUnitCode, string IssuerName, string Term, string SignerName, string SignerTitle,
        PartialDate IssueDate, DateOnly? EffectiveDate, string Summary, string FullText, string Remarks,
        List<FileAttachment> Attachments, List<(ReferenceKind Kind, Guid Target)> References)
    {
        public void ApplyTo(Document document)
        {
            document.Kind = Kind;
            document.Symbol = Symbol;
            document.IssuerUnitCode = IssuerUnitCode;
            document.IssuerName = IssuerName;
            document.Term = Term;
            document.SignerName = SignerName;
            document.SignerTitle = SignerTitle;
            document.IssueDate = IssueDate;
            document.EffectiveDate = EffectiveDate;
            document.Summary = Summary;
            document.FullText = FullText;
            document.Remarks = Remarks;
            document.Attachments = Attachments;
            // Keep the rows that stay, so the change writes only what differs.
            document.References.RemoveAll(r => !References.Contains((r.Kind, r.ToDocumentId)));
            foreach (var (kind, target) in References.Where(n => !document.References.Any(r => r.Kind == n.Kind && r.ToDocumentId == n.Target)))
            {
                document.References.Add(new DocumentReference { FromDocumentId = document.Id, ToDocumentId = target, Kind = kind });
            }
            document.Index();
        }
    }

    private async Task<DocumentFields> ReadAsync(V1.Document input, Guid? selfId, CancellationToken cancellationToken)
    {
        const string prefix = "document";
        var symbol = input.Symbol.Trim();
        var term = input.Term.Trim();
        var validation = new Validation()
            .Require(input.Kind != V1.DocumentKind.Unspecified && Enum.IsDefined(input.Kind), $"{prefix}.kind", "must be a known document kind")
            .Require(symbol.Length <= DocumentSymbol.MaxLength, $"{prefix}.symbol", $"must be at most {DocumentSymbol.MaxLength} characters")
            .Require(input.IssuerUnitCode.Length > 0 || input.IssuerName.Trim().Length > 0, $"{prefix}.issuer_name",
                "is required when issuer_unit_code is empty (a body outside the registry, e.g. \"Ban Chấp hành Trung ương\")")
            .Require(input.IssuerName.Length <= Document.MaxIssuerNameLength, $"{prefix}.issuer_name", $"must be at most {Document.MaxIssuerNameLength} characters")
            .Require(term.Length == 0 || IsTerm(term), $"{prefix}.term", "must be a committee term such as 2020-2025")
            .Require(term.Length > 0 || !DocumentSymbol.IsNumbered(symbol) || !DocumentSymbol.IsPartyStyle(symbol), $"{prefix}.term",
                "is required for a Party document such as 35-CT/TU, whose numbers restart each committee term (e.g. 2020-2025)")
            .Require(input.SignerName.Length <= 200, $"{prefix}.signer_name", "must be at most 200 characters")
            .Require(input.SignerTitle.Length <= 200, $"{prefix}.signer_title", "must be at most 200 characters")
            .RequireText(input.Summary, $"{prefix}.summary", Document.MaxSummaryLength)
            .Require(input.FullText.Length <= MaxFullTextLength, $"{prefix}.full_text", $"must be at most {MaxFullTextLength} characters")
            .Require(input.Remarks.Length <= 2000, $"{prefix}.remarks", "must be at most 2000 characters")
            .Require(input.Attachments.Count <= 50, $"{prefix}.attachments", "must be at most 50 files");
        if (!PartialDate.TryParse(input.IssueDate, out var issueDate))
        {
            validation.Require(false, $"{prefix}.issue_date",
                "must be YYYY-MM-DD, or YYYY-MM or YYYY when the source leaves the day or month blank");
        }
        var effectiveDate = Dates.Parse(input.EffectiveDate, $"{prefix}.effective_date", validation, required: false);
        var attachments = input.Attachments.Select((a, i) => Files.Validate(a, $"{prefix}.attachments[{i}]", validation)).ToList();
        var references = new List<(ReferenceKind Kind, Guid Target)>();
        foreach (var (reference, i) in input.References.Select((r, i) => (r, i)))
        {
            var field = $"{prefix}.references[{i}]";
            validation.Require(reference.Kind != V1.ReferenceKind.Unspecified && Enum.IsDefined(reference.Kind), $"{field}.kind",
                "must be IMPLEMENTS, CITES, REPLACES or REPORTS_ON");
            var target = TaskReader.ParseId(reference.DocumentId);
            validation.Require(target is not null, $"{field}.document_id", "must be the id of a registered document");
            validation.Require(target is null || target != selfId, $"{field}.document_id", "must not be the document itself");
            if (target is { } t)
            {
                var key = ((ReferenceKind)reference.Kind, t);
                validation.Require(!references.Contains(key), field, "is listed twice");
                references.Add(key);
            }
        }
        validation.ThrowIfInvalid();

        string? issuerUnitCode = input.IssuerUnitCode.Length > 0 ? input.IssuerUnitCode : null;
        var issuerName = input.IssuerName.Trim();
        if (issuerUnitCode is not null)
        {
            var unitName = await db.Units.AsNoTracking().Where(u => u.Code == issuerUnitCode).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
            validation.Require(unitName is not null, $"{prefix}.issuer_unit_code", $"no unit has the code '{issuerUnitCode}'");
            issuerName = issuerName.Length > 0 ? issuerName : unitName ?? "";
        }
        var targetIds = references.Select(r => r.Target).Distinct().ToList();
        var known = await db.Documents.AsNoTracking().Where(d => targetIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var (reference, i) in input.References.Select((r, i) => (r, i)))
        {
            validation.Require(TaskReader.ParseId(reference.DocumentId) is not { } t || known.Contains(t), $"{prefix}.references[{i}].document_id",
                $"no document has the id '{reference.DocumentId}'");
        }
        validation.ThrowIfInvalid();

        return new DocumentFields((DocumentKind)input.Kind, symbol, issuerUnitCode, issuerName, term, input.SignerName.Trim(), input.SignerTitle.Trim(),
            issueDate, effectiveDate, input.Summary.Trim(), input.FullText, input.Remarks.Trim(), attachments, references);
    }

    private static bool IsTerm(string term)
    {
        var match = TermPattern().Match(term);
        return match.Success && int.Parse(match.Groups[2].Value) > int.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^(\d{4})-(\d{4})$")]
    private static partial Regex TermPattern();
}
