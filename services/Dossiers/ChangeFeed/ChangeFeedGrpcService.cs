using Cchc.Dossiers.Data;
using Cchc.Dossiers.Records;
using Cchc.Dossiers.V1;
using Cchc.ChangeFeeds;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Dossiers.ChangeFeed;

/// <summary>
/// Reads the outbox by sequence. A sequence is given only to committed events and never below one already
/// given (see <see cref="CommitOrderedSequence"/>), so "after my cursor" is all a consumer needs; it keeps
/// the cursor, the service keeps nothing.
/// </summary>
public sealed class ChangeFeedGrpcService(IServiceScopeFactory scopes, IOptions<DossierOptions> options) : DossierChangeFeed.DossierChangeFeedBase
{
    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}")]
    public override async Task<ReadChangesResponse> ReadChanges(ReadChangesRequest request, ServerCallContext context)
    {
        new Validation().Require(request.AfterSequence >= 0, "after_sequence", "must not be negative").ThrowIfInvalid();
        var pageSize = PageTokens.Size(request.PageSize);
        var events = await ReadAsync(request.AfterSequence, pageSize, context.CancellationToken);
        var response = new ReadChangesResponse { LastSequence = events.Count > 0 ? events[^1].Sequence!.Value : request.AfterSequence };
        response.Changes.AddRange(events.Select(ToContract));
        return response;
    }

    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}")]
    public override async Task StreamChanges(StreamChangesRequest request, IServerStreamWriter<DossierChange> responseStream, ServerCallContext context)
    {
        new Validation().Require(request.AfterSequence >= 0, "after_sequence", "must not be negative").ThrowIfInvalid();
        await ChangeFeedStreaming.PumpAsync(request.AfterSequence, ReadAsync, e => e.Sequence!.Value,
            (change, ct) => responseStream.WriteAsync(ToContract(change), ct), options.Value.ChangeStreamPollInterval, context.CancellationToken);
    }

    // A context per read: a stream lives for hours and must not hold one pooled context that long.
    private async Task<List<DossierEvent>> ReadAsync(long afterSequence, int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        return await FeedEvents.ReadAfterAsync<DossierEvent>(db, ChangeFeedWriter.Feed, afterSequence, count, cancellationToken);
    }

    private static DossierChange ToContract(DossierEvent change) => new()
    {
        Sequence = change.Sequence!.Value,
        Type = change.Type,
        DossierCode = change.DossierCode,
        OccurredAt = Timestamp.FromDateTimeOffset(change.OccurredAt),
        Payload = Struct.Parser.ParseJson(change.Payload),
    };
}
