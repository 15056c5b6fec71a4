using Cchc.Directives.Data;
using Cchc.Directives.V1;
using Cchc.ChangeFeeds;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cchc.Directives.ChangeFeed;

/// <summary>Settings of the change feed (section <c>ChangeFeed</c>).</summary>
public sealed class ChangeFeedOptions
{
    /// <summary>How often a stream looks for new events.</summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// Reads the outbox by sequence. Commit order equals sequence order (see <see cref="ChangeFeedWriter"/>),
/// so "after my cursor" is all a consumer needs; it keeps the cursor, the service keeps nothing.
/// </summary>
public sealed class ChangeFeedGrpcService(IServiceScopeFactory scopes, IOptions<ChangeFeedOptions> options) : DirectiveChangeFeed.DirectiveChangeFeedBase
{
    public const string Readers = $"{Roles.Administrator},{Roles.Integrator},{Roles.Service}";

    [Authorize(Roles = Readers)]
    public override async Task<ReadChangesResponse> ReadChanges(ReadChangesRequest request, ServerCallContext context)
    {
        new Validation().Require(request.AfterSequence >= 0, "after_sequence", "must not be negative").ThrowIfInvalid();
        var pageSize = PageTokens.Size(request.PageSize);
        var events = await ReadAsync(request.AfterSequence, pageSize, context.CancellationToken);
        var response = new ReadChangesResponse { LastSequence = events.Count > 0 ? events[^1].Sequence!.Value : request.AfterSequence };
        response.Changes.AddRange(events.Select(ToContract));
        return response;
    }

    [Authorize(Roles = Readers)]
    public override async Task StreamChanges(StreamChangesRequest request, IServerStreamWriter<DirectiveChange> responseStream, ServerCallContext context)
    {
        new Validation().Require(request.AfterSequence >= 0, "after_sequence", "must not be negative").ThrowIfInvalid();
        await ChangeFeedStreaming.PumpAsync(request.AfterSequence, ReadAsync, e => e.Sequence!.Value,
            (change, ct) => responseStream.WriteAsync(ToContract(change), ct), options.Value.StreamPollInterval, context.CancellationToken);
    }

    // A context per read: a stream lives for hours and must not hold one pooled context that long.
    private async Task<List<DirectiveEvent>> ReadAsync(long afterSequence, int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectivesDbContext>();
        return await FeedEvents.ReadAfterAsync<DirectiveEvent>(db, ChangeFeedWriter.Feed, afterSequence, count, cancellationToken);
    }

    private static DirectiveChange ToContract(DirectiveEvent change) => new()
    {
        Sequence = change.Sequence!.Value,
        Type = change.Type,
        Subject = change.Subject,
        DocumentId = change.DocumentId.ToString(),
        TaskId = change.TaskId?.ToString() ?? "",
        OccurredAt = Timestamp.FromDateTimeOffset(change.OccurredAt),
        Payload = Struct.Parser.ParseJson(change.Payload),
    };
}
