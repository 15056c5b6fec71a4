using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Cchc.Directives.Documents;

/// <summary>
/// The document register's gRPC adapter: who may call what, and the mapping between the contract and
/// <see cref="DocumentRegistrationHandler"/> and <see cref="DocumentReader"/>, which own the rules.
/// </summary>
public sealed class DocumentGrpcService(DocumentRegistrationHandler registrations, DocumentReader reader) : DocumentService.DocumentServiceBase
{
    public const string ResourceType = "cchc.directives.v1.Document";
    public const string Editors = $"{Roles.Administrator},{Roles.FollowUpOffice}";

    [Authorize(Roles = Editors)]
    public override async Task<CreateDocumentResponse> CreateDocument(CreateDocumentRequest request, ServerCallContext context)
    {
        var document = await registrations.CreateAsync(request.Document, context.GetCaller(), context.CancellationToken);
        return new CreateDocumentResponse { Document = await reader.DescribeAsync(document, context.CancellationToken) };
    }

    // Services too: Indexes checks that a unit's self-assessment evidence exists.
    [Authorize(Roles = $"{Roles.AnyCaller},{Roles.Service}")]
    public override async Task<GetDocumentResponse> GetDocument(GetDocumentRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.DocumentId, "document_id", 64).ThrowIfInvalid();
        var document = await reader.FindAsync(request.DocumentId, tracking: false, context.CancellationToken);
        return new GetDocumentResponse { Document = await reader.DescribeAsync(document, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context)
    {
        var (page, nextPageToken) = await reader.ListAsync(request.Kind, request.IssuerUnitCode, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListDocumentsResponse { NextPageToken = nextPageToken };
        response.Documents.AddRange(page);
        return response;
    }

    [Authorize(Roles = Editors)]
    public override async Task<UpdateDocumentResponse> UpdateDocument(UpdateDocumentRequest request, ServerCallContext context)
    {
        var document = await registrations.UpdateAsync(request.Document, context.GetCaller(), context.CancellationToken);
        return new UpdateDocumentResponse { Document = await reader.DescribeAsync(document, context.CancellationToken) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<SearchDocumentsResponse> SearchDocuments(SearchDocumentsRequest request, ServerCallContext context)
    {
        var (hits, nextPageToken) = await reader.SearchAsync(request.Query, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new SearchDocumentsResponse { NextPageToken = nextPageToken };
        response.Hits.AddRange(hits);
        return response;
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetImplementationTreeResponse> GetImplementationTree(GetImplementationTreeRequest request, ServerCallContext context) => new()
    {
        Root = await reader.ImplementationTreeAsync(request.DocumentId, context.GetCaller(), context.CancellationToken),
    };
}
