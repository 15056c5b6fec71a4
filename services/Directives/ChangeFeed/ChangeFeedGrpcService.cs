using Cchc.Directives.Data;
using Cchc.Directives.V1;
using Cchc.ChangeFeeds;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Cchc.Directives.ChangeFeed;

/// <summary>
/// The directives change feed over gRPC: reading and streaming are the shared <see cref="ChangeFeedReader{TContext, TEvent}"/>'s;
/// this adapter maps a <see cref="DirectiveEvent"/> to its message.
/// </summary>
public sealed class ChangeFeedGrpcService(ChangeFeedReader<DirectivesDbContext, DirectiveEvent> feed) : DirectiveChangeFeed.DirectiveChangeFeedBase
{
    public const string Readers = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}";

    [Authorize(Roles = Readers)]
    public override async Task<ReadChangesResponse> ReadChanges(ReadChangesRequest request, ServerCallContext context)
    {
        var page = await feed.ReadPageAsync(request.AfterSequence, request.PageSize, ToContract, context.CancellationToken);
        return new ReadChangesResponse { LastSequence = page.LastSequence, Changes = { page.Changes } };
    }

    [Authorize(Roles = Readers)]
    public override Task StreamChanges(StreamChangesRequest request, IServerStreamWriter<DirectiveChange> responseStream, ServerCallContext context) =>
        feed.StreamAsync(request.AfterSequence, ToContract, responseStream, context.CancellationToken);

    private static DirectiveChange ToContract(DirectiveEvent change) => new()
    {
        Sequence = change.Sequence!.Value,
        Type = change.Type,
        Subject = change.Subject,
        DocumentId = change.DocumentId.ToString(),
        TaskId = change.TaskId?.ToString() ?? "",
        OccurredAt = Timestamp.FromDateTimeOffset(change.OccurredAt),
        Payload = FeedPayloads.ToStruct(change.Payload),
    };
}
