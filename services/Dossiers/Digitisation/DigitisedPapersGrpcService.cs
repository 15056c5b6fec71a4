using System.Text.RegularExpressions;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Codes;
using Cchc.Dossiers.Intake;
using Cchc.Dossiers.Records;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Contract = Cchc.Dossiers.V1;

namespace Cchc.Dossiers.Digitisation;

public sealed partial class DigitisedPapersGrpcService(
    DigitisationHandler digitisation, DossierReader reader, DossiersDbContext db, LookupSecrets secrets, IOptions<DigitisationOptions> options, ServiceClock clock)
    : Contract.DigitisedPapers.DigitisedPapersBase
{
    private const string Officials = $"{Roles.DeskOfficer},{Roles.ProcessingOfficer},{Roles.UnitHead}";
    private const string ResourceType = "cchc.dossiers.v1.DigitisedDocument";

    // The desk scans at intake; processing units scan what comes later.
    [Authorize(Roles = Officials)]
    public override async Task<Contract.AttachDigitisedPaperResponse> AttachDigitisedPaper(Contract.AttachDigitisedPaperRequest request, ServerCallContext context)
    {
        var validation = DossierFields(request.DossierCode, request.Etag)
            .Require(request.PaperIndex >= 0, "paper_index", "must be the index of one of the dossier's papers");
        var file = File(request.FileName, request.MediaType, request.Content, validation);
        validation.ThrowIfInvalid();

        var attached = await digitisation.AttachPaperAsync(request.DossierCode, request.Etag, request.PaperIndex, file, context.GetCaller(), context.CancellationToken);
        return new Contract.AttachDigitisedPaperResponse
        {
            Document = ToContract(attached.Document),
            ExistingFile = attached.ExistingFile,
            Dossier = await reader.ViewAsync(attached.Dossier, context.CancellationToken),
        };
    }

    [Authorize(Roles = Officials)]
    public override async Task<Contract.AttachDigitisedResultResponse> AttachDigitisedResult(Contract.AttachDigitisedResultRequest request, ServerCallContext context)
    {
        var validation = DossierFields(request.DossierCode, request.Etag)
            .Require(request.Name.Length <= 500, "name", "must be at most 500 characters");
        var file = File(request.FileName, request.MediaType, request.Content, validation);
        validation.ThrowIfInvalid();

        var attached = await digitisation.AttachResultAsync(request.DossierCode, request.Etag, request.Name.Trim(), file, context.GetCaller(), context.CancellationToken);
        return new Contract.AttachDigitisedResultResponse
        {
            Document = ToContract(attached.Document),
            ExistingFile = attached.ExistingFile,
            Dossier = await reader.ViewAsync(attached.Dossier, context.CancellationToken),
        };
    }

    // The desk looks up what an applicant has digitised already, with the identity number in hand.
    [Authorize(Roles = Officials)]
    public override async Task<Contract.ListDigitisedDocumentsResponse> ListDigitisedDocuments(Contract.ListDigitisedDocumentsRequest request, ServerCallContext context)
    {
        ApplicantFields(request.ApplicantKind, request.IdentityNumber).ThrowIfInvalid();

        var caller = context.GetCaller();
        var applicant = await secrets.ApplicantKeyAsync((ApplicantKind)request.ApplicantKind, request.IdentityNumber, context.CancellationToken);
        var documents = await db.DigitisedDocuments.AsNoTracking()
            .Where(d => d.ApplicantKey == applicant)
            .Join(db.Dossiers, d => d.SourceDossierId, s => s.Id, (d, s) => new { Document = d, s.AgencyCode })
            .OrderByDescending(d => d.Document.CreatedAt)
            .ToListAsync(context.CancellationToken);
        var agency = DocumentScope.AgencyOf(caller);
        var visible = documents.Where(d => agency is null || Caller.IsWithin(d.AgencyCode, agency)).Select(d => d.Document).ToList();
        db.DocumentAccesses.Add(new DocumentAccess
        {
            ApplicantKey = applicant, Kind = DocumentAccessKind.Listed, AccessedBy = caller.Subject, AccessedByAgency = caller.Agency ?? caller.Unit ?? "",
            AccessedAt = clock.UtcNow(),
        });
        await db.SaveChangesAsync(context.CancellationToken);
        var response = new Contract.ListDigitisedDocumentsResponse { HeldElsewhere = documents.Count - visible.Count };
        response.Documents.AddRange(visible.Select(ToContract));
        return response;
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<Contract.ListDocumentAccessesResponse> ListDocumentAccesses(Contract.ListDocumentAccessesRequest request, ServerCallContext context)
    {
        var validation = ApplicantFields(request.ApplicantKind, request.IdentityNumber)
            .Require(request.PageSize is >= 0 and <= 500, "page_size", "must be 0–500");
        validation.ThrowIfInvalid();
        var applicant = await secrets.ApplicantKeyAsync((ApplicantKind)request.ApplicantKind, request.IdentityNumber, context.CancellationToken);
        var accesses = await db.DocumentAccesses.AsNoTracking()
            .Where(a => a.ApplicantKey == applicant)
            .OrderByDescending(a => a.AccessedAt).ThenByDescending(a => a.Id)
            .Take(request.PageSize > 0 ? request.PageSize : 100)
            .ToListAsync(context.CancellationToken);
        var response = new Contract.ListDocumentAccessesResponse();
        response.Accesses.AddRange(accesses.Select(a => new Contract.DocumentAccess
        {
            Kind = (Contract.DocumentAccessKind)a.Kind,
            DocumentId = a.DocumentId?.ToString() ?? "",
            DossierCode = a.DossierCode,
            AccessedBy = a.AccessedBy,
            AccessedByAgency = a.AccessedByAgency,
            AccessTime = Timestamp.FromDateTimeOffset(a.AccessedAt),
            Basis = a.Basis,
        }));
        return response;
    }

    [Authorize(Roles = Roles.AnyOfficial)]
    public override async Task<Contract.GetDigitisedDocumentResponse> GetDigitisedDocument(Contract.GetDigitisedDocumentRequest request, ServerCallContext context)
    {
        var hasId = Guid.TryParse(request.DocumentId, out var id);
        new Validation()
            .RequireText(request.DossierCode, "dossier_code", 100)
            .Require(hasId, "document_id", "must be the UUID of a digitised document")
            .ThrowIfInvalid();

        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == request.DossierCode, context.CancellationToken);
        if (dossier is null || !DossierScope.CanSee(context.GetCaller(), dossier))
        {
            throw RpcErrors.NotFound(DossierLocks.ResourceType, request.DossierCode);
        }
        // Only a document of this dossier, so seeing a dossier never opens another applicant's files.
        if (dossier.ResultDocumentId != id && !dossier.Papers.Any(p => p.DigitisedDocumentId == id))
        {
            throw RpcErrors.NotFound(ResourceType, request.DocumentId);
        }
        var document = await db.DigitisedDocuments.AsNoTracking().SingleAsync(d => d.Id == id, context.CancellationToken);
        var content = await db.DigitisedContents.AsNoTracking().Where(c => c.DocumentId == id).Select(c => c.Content).SingleAsync(context.CancellationToken);
        var caller = context.GetCaller();
        db.DocumentAccesses.Add(new DocumentAccess
        {
            ApplicantKey = document.ApplicantKey, Kind = DocumentAccessKind.Read, DocumentId = id, DossierCode = dossier.Code,
            AccessedBy = caller.Subject, AccessedByAgency = caller.Agency ?? caller.Unit ?? "", AccessedAt = clock.UtcNow(),
        });
        await db.SaveChangesAsync(context.CancellationToken);
        return new Contract.GetDigitisedDocumentResponse { Document = ToContract(document), Content = ByteString.CopyFrom(content) };
    }

    private static Validation ApplicantFields(Contract.ApplicantKind kind, string identityNumber)
    {
        var validation = new Validation();
        switch (kind)
        {
            case Contract.ApplicantKind.Person:
                validation.Require(IdentityNumbers.IsValidCitizenId(identityNumber), "identity_number", "must be the 12-digit citizen identity number of a person");
                break;
            case Contract.ApplicantKind.Organization:
                validation.Require(IdentityNumbers.IsValidTaxCode(identityNumber), "identity_number",
                    "must be the tax code of an organisation: 10 digits, or 10 digits, '-' and 3 digits");
                break;
            default:
                validation.Require(false, "applicant_kind", "must be PERSON or ORGANIZATION");
                break;
        }
        return validation;
    }

    private static Validation DossierFields(string code, string etag) => new Validation()
        .RequireText(code, "dossier_code", 100)
        .RequireText(etag, "etag", 32);

    private DigitisedFile File(string fileName, string mediaType, ByteString content, Validation validation)
    {
        var max = options.Value.MaxFileBytes;
        validation
            .RequireText(fileName, "file_name", 255)
            .Require(!fileName.Any(c => c is '/' or '\\' || char.IsControl(c)), "file_name", "must be a file name without folders")
            .Require(MediaTypePattern().IsMatch(mediaType), "media_type", "must be a media type such as application/pdf or image/jpeg")
            .Require(!content.IsEmpty, "content", "is required")
            .Require(content.Length <= max, "content", $"must be at most {max} bytes");
        return new DigitisedFile(fileName.Trim(), mediaType.ToLowerInvariant(), content.ToByteArray());
    }

    public static Contract.DigitisedDocument ToContract(DigitisedDocument d) => new()
    {
        Id = d.Id.ToString(),
        Kind = (Contract.DigitisedDocumentKind)d.Kind,
        Name = d.Name,
        PaperCode = d.PaperCode,
        FileName = d.FileName,
        MediaType = d.MediaType,
        Sha256 = d.Sha256,
        SizeBytes = d.SizeBytes,
        CreateTime = Timestamp.FromDateTimeOffset(d.CreatedAt),
        CreatedBy = d.CreatedBy,
        SourceDossierCode = d.SourceDossierCode,
    };

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MediaTypePattern();
}
