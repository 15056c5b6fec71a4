using Cchc.ChangeFeeds;
using Cchc.Indexes.Data;
using Cchc.Indexes.V1;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Cchc.Indexes.ChangeFeed;

/// <summary>
/// The index change feed over gRPC: reading and streaming are the shared <see cref="ChangeFeedReader{TContext, TEvent}"/>'s;
/// this adapter maps an <see cref="IndexEvent"/> to its message.
/// </summary>
public sealed class IndexChangeFeedGrpcService(ChangeFeedReader<IndexesDbContext, IndexEvent> feed) : IndexChangeFeed.IndexChangeFeedBase
{
    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}")]
    public override async Task<ReadIndexChangesResponse> ReadChanges(ReadIndexChangesRequest request, ServerCallContext context)
    {
        var page = await feed.ReadPageAsync(request.AfterSequence, request.PageSize, ToContract, context.CancellationToken);
        return new ReadIndexChangesResponse { LastSequence = page.LastSequence, Changes = { page.Changes } };
    }

    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}")]
    public override Task StreamChanges(StreamIndexChangesRequest request, IServerStreamWriter<IndexChange> responseStream, ServerCallContext context) =>
        feed.StreamAsync(request.AfterSequence, ToContract, responseStream, context.CancellationToken);

    private static IndexChange ToContract(IndexEvent change) => new()
    {
        Sequence = change.Sequence!.Value,
        Type = change.Type,
        ResultKey = change.ResultKey,
        OccurredAt = Timestamp.FromDateTimeOffset(change.OccurredAt),
        Payload = FeedPayloads.ToStruct(change.Payload),
    };
}
