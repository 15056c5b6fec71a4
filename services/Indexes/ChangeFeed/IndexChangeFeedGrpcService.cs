using Cchc.ChangeFeeds;
using Cchc.Indexes.Data;
using Cchc.Indexes.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Indexes.ChangeFeed;

/// <summary>
/// Reads the outbox by sequence. Commit order equals sequence order (see <see cref="ChangeFeedWriter"/>),
/// so "after my cursor" is all a consumer needs; it keeps the cursor, the service keeps nothing.
/// </summary>
public sealed class IndexChangeFeedGrpcService(IServiceScopeFactory scopes, IConfiguration configuration) : IndexChangeFeed.IndexChangeFeedBase
{

    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}")]
    public override async Task<ReadIndexChangesResponse> ReadChanges(ReadIndexChangesRequest request, ServerCallContext context)
    {
        new Validation().Require(request.AfterSequence >= 0, "after_sequence", "must not be negative").ThrowIfInvalid();
        var pageSize = PageTokens.Size(request.PageSize);
        var events = await ReadAsync(request.AfterSequence, pageSize, context.CancellationToken);
        var response = new ReadIndexChangesResponse { LastSequence = events.Count > 0 ? events[^1].Sequence!.Value : request.AfterSequence };
        response.Changes.AddRange(events.Select(ToContract));
        return response;
    }

    [Authorize(Roles = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}")]
    public override async Task StreamChanges(StreamIndexChangesRequest request, IServerStreamWriter<IndexChange> responseStream, ServerCallContext context)
    {
        new Validation().Require(request.AfterSequence >= 0, "after_sequence", "must not be negative").ThrowIfInvalid();
        var poll = configuration.GetValue("Indexes:ChangeStreamPollInterval", TimeSpan.FromMilliseconds(200));
        await ChangeFeedStreaming.PumpAsync(request.AfterSequence, ReadAsync, e => e.Sequence!.Value,
            (change, ct) => responseStream.WriteAsync(ToContract(change), ct), poll, context.CancellationToken);
    }

    // A context per read: a stream lives for hours and must not hold one pooled context that long.
    private async Task<List<IndexEvent>> ReadAsync(long afterSequence, int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IndexesDbContext>();
        return await FeedEvents.ReadAfterAsync<IndexEvent>(db, ChangeFeedWriter.Feed, afterSequence, count, cancellationToken);
    }

    private static IndexChange ToContract(IndexEvent change) => new()
    {
        Sequence = change.Sequence!.Value,
        Type = change.Type,
        ResultKey = change.ResultKey,
        OccurredAt = Timestamp.FromDateTimeOffset(change.OccurredAt),
        Payload = Struct.Parser.ParseJson(change.Payload),
    };
}
