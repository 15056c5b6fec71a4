using Cchc.ServiceDefaults.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cchc.ChangeFeeds;

/// <summary>
/// Serves a service's change feed to its gRPC adapter, the same way for every feed: a page after a
/// consumer's cursor (<c>ReadChanges</c>) or the feed as a stream (<c>StreamChanges</c>), with one
/// validation of the request. A sequence is given only to committed events and never below one already
/// given (see <see cref="CommitOrderedSequence"/>), so "after my cursor" is all a consumer needs; it keeps
/// the cursor, the service keeps nothing. The adapter only maps its event to its own proto message.
/// </summary>
public sealed class ChangeFeedReader<TContext, TEvent>(IServiceScopeFactory scopes, IOptions<ChangeFeedOptions> options, FeedDescriptor feed)
    where TContext : DbContext where TEvent : class, IFeedEvent
{
    /// <summary>How many events a stream reads at a time; a full batch is followed at once by the next.</summary>
    private const int StreamBatchSize = 500;

    /// <summary>
    /// The page after <paramref name="afterSequence"/>: at most <paramref name="pageSize"/> events
    /// (0: the default size; capped at the largest), mapped to the contract.
    /// </summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT for a negative <c>after_sequence</c> or <c>page_size</c>.</exception>
    public async Task<FeedPage<TChange>> ReadPageAsync<TChange>(long afterSequence, int pageSize, Func<TEvent, TChange> toContract,
        CancellationToken cancellationToken)
    {
        RequireCursor(afterSequence);
        var events = await ReadAsync(afterSequence, PageTokens.Size(pageSize), cancellationToken);
        return new FeedPage<TChange>(events.Select(toContract).ToList(), events.Count > 0 ? events[^1].Sequence!.Value : afterSequence);
    }

    /// <summary>
    /// Writes the backlog after <paramref name="afterSequence"/>, then each new event as it commits (found
    /// by polling), until the caller hangs up.
    /// </summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT for a negative <c>after_sequence</c>.</exception>
    public async Task StreamAsync<TChange>(long afterSequence, Func<TEvent, TChange> toContract, IAsyncStreamWriter<TChange> stream,
        CancellationToken cancellationToken)
    {
        RequireCursor(afterSequence);
        var cursor = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await ReadAsync(cursor, StreamBatchSize, cancellationToken);
            foreach (var change in events)
            {
                await stream.WriteAsync(toContract(change), cancellationToken);
                cursor = change.Sequence!.Value;
            }
            if (events.Count < StreamBatchSize)
            {
                await Task.Delay(options.Value.StreamPollInterval, cancellationToken);
            }
        }
    }

    private static void RequireCursor(long afterSequence) =>
        new Validation().Require(afterSequence >= 0, "after_sequence", "must not be negative").ThrowIfInvalid();

    // A context per read: a stream lives for hours and must not hold one pooled context that long.
    private async Task<List<TEvent>> ReadAsync(long afterSequence, int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await FeedEvents.ReadAfterAsync<TEvent>(db, feed, afterSequence, count, cancellationToken);
    }
}
