using Cchc.ChangeFeeds;
using Cchc.Testing;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>
/// The one reader behind the three feeds' <c>ReadChanges</c> and <c>StreamChanges</c>
/// (<c>shared/Cchc.ChangeFeeds/ChangeFeedReader.cs</c>), on a feed of its own.
/// </summary>
public sealed class ChangeFeedReaderTests(FeedDatabase database) : IClassFixture<FeedDatabase>
{
    private static string Contract(TestEvent change) => $"{change.Sequence}:{change.Type}";

    [Fact]
    public async Task A_negative_cursor_or_page_size_is_refused_naming_the_field_and_the_cursor_is_checked_first()
    {
        var cursor = await RpcAssert.InvalidFields(() => database.Reader.ReadPageAsync(-1, 10, Contract, CancellationToken.None), "after_sequence");
        await RpcAssert.InvalidFields(() => database.Reader.ReadPageAsync(0, -1, Contract, CancellationToken.None), "page_size");
        await RpcAssert.InvalidFields(() => database.Reader.ReadPageAsync(-1, -1, Contract, CancellationToken.None), "after_sequence");
        await RpcAssert.InvalidFields(() => database.Reader.StreamAsync(-1, Contract, new StreamRecorder<string>(), CancellationToken.None), "after_sequence");

        Assert.Equal("must not be negative", Assert.Single(cursor.FieldViolations).Description);
    }

    [Fact]
    public async Task Pages_continue_from_the_last_sequence_and_an_empty_page_returns_the_cursor_it_was_given()
    {
        var start = await database.EndOfFeedAsync();
        await database.AppendAsync("a", "b", "c", "d", "e");

        var first = await database.Reader.ReadPageAsync(start, 2, Contract, CancellationToken.None);
        var second = await database.Reader.ReadPageAsync(first.LastSequence, 2, Contract, CancellationToken.None);
        var third = await database.Reader.ReadPageAsync(second.LastSequence, 2, Contract, CancellationToken.None);
        var empty = await database.Reader.ReadPageAsync(third.LastSequence, 2, Contract, CancellationToken.None);

        Assert.Equal([$"{start + 1}:a", $"{start + 2}:b"], first.Changes);
        Assert.Equal([$"{start + 3}:c", $"{start + 4}:d"], second.Changes);
        Assert.Equal([$"{start + 5}:e"], third.Changes);
        Assert.Equal((start + 2, start + 4, start + 5), (first.LastSequence, second.LastSequence, third.LastSequence));
        Assert.Empty(empty.Changes);
        Assert.Equal(start + 5, empty.LastSequence);
    }

    [Fact]
    public async Task A_page_size_of_zero_takes_the_default_and_a_larger_one_than_allowed_takes_the_largest()
    {
        var start = await database.EndOfFeedAsync();
        await database.AppendAsync(Enumerable.Range(0, 501).Select(i => $"bulk.{i}").ToArray());

        var byDefault = await database.Reader.ReadPageAsync(start, 0, Contract, CancellationToken.None);
        var capped = await database.Reader.ReadPageAsync(start, 10_000, Contract, CancellationToken.None);

        Assert.Equal(100, byDefault.Changes.Count);
        Assert.Equal(500, capped.Changes.Count);
        Assert.Equal(start + 500, capped.LastSequence);
    }

    [Fact]
    public async Task An_event_inserted_first_but_committed_last_is_read_after_the_cursor_that_passed_the_others()
    {
        var start = await database.EndOfFeedAsync();
        await using var slow = database.NewContext();
        await using var open = await slow.Database.BeginTransactionAsync();
        FeedWriter.Add(slow, [new TestEvent { Type = "slow" }]);
        await slow.SaveChangesAsync();
        await database.AppendAsync("fast");

        var whileOpen = await database.Reader.ReadPageAsync(start, 10, Contract, CancellationToken.None);
        await open.CommitAsync();
        var afterCommit = await database.Reader.ReadPageAsync(whileOpen.LastSequence, 10, Contract, CancellationToken.None);

        Assert.Equal([$"{start + 1}:fast"], whileOpen.Changes);
        Assert.Equal([$"{start + 2}:slow"], afterCommit.Changes);
    }

    [Fact]
    public async Task A_stream_writes_the_backlog_then_each_event_as_it_commits_until_the_caller_hangs_up()
    {
        var start = await database.EndOfFeedAsync();
        await database.AppendAsync("backlog");
        using var call = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stream = new StreamRecorder<string>();

        var streaming = database.Reader.StreamAsync(start, Contract, stream, call.Token);
        var first = await stream.NextAsync(call.Token);
        await database.AppendAsync("live");
        var second = await stream.NextAsync(call.Token);
        await call.CancelAsync();

        Assert.Equal($"{start + 1}:backlog", first);
        Assert.Equal($"{start + 2}:live", second);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
    }
}
