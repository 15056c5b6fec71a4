using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.ChangeFeeds;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Cchc.Dossiers.ChangeFeed;

/// <summary>
/// The dossier change feed over gRPC: reading and streaming are the shared <see cref="ChangeFeedReader{TContext, TEvent}"/>'s;
/// this adapter maps a <see cref="DossierEvent"/> to its message.
/// </summary>
public sealed class ChangeFeedGrpcService(ChangeFeedReader<DossiersDbContext, DossierEvent> feed) : DossierChangeFeed.DossierChangeFeedBase
{
    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}")]
    public override async Task<ReadChangesResponse> ReadChanges(ReadChangesRequest request, ServerCallContext context)
    {
        var page = await feed.ReadPageAsync(request.AfterSequence, request.PageSize, ToContract, context.CancellationToken);
        return new ReadChangesResponse { LastSequence = page.LastSequence, Changes = { page.Changes } };
    }

    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}")]
    public override Task StreamChanges(StreamChangesRequest request, IServerStreamWriter<DossierChange> responseStream, ServerCallContext context) =>
        feed.StreamAsync(request.AfterSequence, ToContract, responseStream, context.CancellationToken);

    private static DossierChange ToContract(DossierEvent change) => new()
    {
        Sequence = change.Sequence!.Value,
        Type = change.Type,
        DossierCode = change.DossierCode,
        OccurredAt = Timestamp.FromDateTimeOffset(change.OccurredAt),
        Payload = FeedPayloads.ToStruct(change.Payload),
    };
}
