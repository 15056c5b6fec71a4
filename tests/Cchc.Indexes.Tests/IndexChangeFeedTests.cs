using Cchc.Indexes.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Indexes.Tests;

/// <summary>The index change feed as a consumer keeping its own cursor (Notifications) sees it.</summary>
public sealed class IndexChangeFeedTests(IndexesFixture fixture) : IClassFixture<IndexesFixture>
{
    private static IndexChangeFeed.IndexChangeFeedClient Feed(WebApplicationFactory<Program> instance) =>
        new(ServiceFixture<Program>.CreateChannel(instance, TestIdentity.Token(Roles.Service, null, null)));

    private IndexChangeFeed.IndexChangeFeedClient Feed() => Feed(fixture.Factory);

    private static IndexResultService.IndexResultServiceClient Results(WebApplicationFactory<Program> instance) =>
        // Results of every province: an administrator's (a department's follow-up office records none of them).
        new(ServiceFixture<Program>.CreateChannel(instance, TestIdentity.Administrator));

    private static async Task<List<IndexChange>> ReadAll(IndexChangeFeed.IndexChangeFeedClient feed, long cursor, int pageSize = 100)
    {
        var changes = new List<IndexChange>();
        while (true)
        {
            var page = await feed.ReadChangesAsync(new ReadIndexChangesRequest { AfterSequence = cursor, PageSize = pageSize });
            if (page.Changes.Count == 0)
            {
                return changes;
            }
            changes.AddRange(page.Changes);
            cursor = page.LastSequence;
        }
    }

    private async Task<long> EndOfFeed() => (await ReadAll(Feed(), 0)).LastOrDefault()?.Sequence ?? 0;

    private static RecordResultRequest Result(string framework, int year, string subject, int rank, int rankedCount = 63) => new()
    {
        Result = new IndexResult { FrameworkCode = framework, Year = year, SubjectCode = subject, Rank = rank, RankedCount = rankedCount, Source = "Dữ liệu thử nghiệm" },
    };

    [Fact]
    public async Task A_numbered_event_is_neither_changed_renumbered_nor_deleted_whatever_the_statement_names()
    {
        await Results(fixture.Factory).RecordResultAsync(Result("SIPAS", 2019, "DA_NANG", rank: 12));
        await EndOfFeed();

        using var scope = fixture.Factory.Services.CreateScope();
        await FeedGuard.AssertGuardedAsync(scope.ServiceProvider.GetRequiredService<Cchc.Indexes.Data.IndexesDbContext>(), "index_events");
    }

    [Fact]
    public async Task A_worse_rank_than_last_year_writes_one_rank_fell_event_with_what_the_leadership_notice_needs()
    {
        var start = await EndOfFeed();

        await Results(fixture.Factory).RecordResultAsync(Result("PAPI", 2023, "QUANG_TRI", rank: 45));
        var changes = await ReadAll(Feed(), start);

        Assert.Equal([("index.result_recorded", start + 1), ("index.rank_fell", start + 2)], changes.Select(c => (c.Type, c.Sequence)));
        var fell = Assert.Single(changes, c => c.Type == "index.rank_fell");
        Assert.Equal("PAPI/2023/QUANG_TRI", fell.ResultKey);
        var p = fell.Payload.Fields;
        Assert.Equal(("Chỉ số PAPI", "PAPI", "tỉnh Quảng Trị", "QUANG_TRI", "QT"),
            (p["index_name"].StringValue, p["index_code"].StringValue, p["subject_name"].StringValue, p["subject_code"].StringValue, p["agency_code"].StringValue));
        Assert.Equal([2023, 45, 63, 8, 2022, 37, 63],
            new[] { "year", "rank", "ranked_count", "rank_drop", "previous_year", "previous_rank", "previous_ranked_count" }.Select(k => p[k].NumberValue));
    }

    [Fact]
    public async Task A_better_rank_or_one_among_a_different_number_of_provinces_is_recorded_without_a_fall()
    {
        var start = await EndOfFeed();

        await Results(fixture.Factory).RecordResultAsync(Result("SIPAS", 2023, "QUANG_TRI", rank: 50));
        await Results(fixture.Factory).RecordResultAsync(Result("SIPAS", 2025, "QUANG_TRI_2025", rank: 30, rankedCount: 34));
        var changes = await ReadAll(Feed(), start);

        Assert.Equal(["index.result_recorded", "index.result_recorded"], changes.Select(c => c.Type));
        Assert.Equal(["SIPAS/2023/QUANG_TRI", "SIPAS/2025/QUANG_TRI_2025"], changes.Select(c => c.ResultKey));
    }

    [Fact]
    public async Task A_correction_that_worsens_the_rank_is_an_event_too()
    {
        await Results(fixture.Factory).RecordResultAsync(Result("PCI", 2023, "QUANG_TRI", rank: 50));
        var start = await EndOfFeed();

        await Results(fixture.Factory).RecordResultAsync(Result("PCI", 2023, "QUANG_TRI", rank: 61));
        var changes = await ReadAll(Feed(), start);

        Assert.Equal(["index.result_recorded", "index.rank_fell"], changes.Select(c => c.Type));
        Assert.Equal(2, changes[0].Payload.Fields["revision"].NumberValue);
        Assert.Equal((2022, 59, 2), (changes[1].Payload.Fields["previous_year"].NumberValue, changes[1].Payload.Fields["previous_rank"].NumberValue,
            changes[1].Payload.Fields["rank_drop"].NumberValue));
    }

    [Fact]
    public async Task A_record_that_fails_while_writing_its_events_stores_neither_the_result_nor_any_event()
    {
        var results = Results(fixture.Factory);
        await results.RecordResultAsync(Result("PCI", 2021, "HA_NOI", rank: 10));
        var start = await EndOfFeed();
        // A real failure inside the transaction, after the result is written: the database refuses the fall's event.
        await ExecuteAsync("""
            CREATE FUNCTION test_refuse_fall() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'test: refused'; END $$;
            CREATE TRIGGER test_refuse_fall BEFORE INSERT ON index_events FOR EACH ROW
                WHEN (NEW.type = 'index.rank_fell' AND NEW.result_key = 'PCI/2022/HA_NOI') EXECUTE FUNCTION test_refuse_fall();
            """);
        try
        {
            await Assert.ThrowsAsync<RpcException>(() => results.RecordResultAsync(Result("PCI", 2022, "HA_NOI", rank: 20)).ResponseAsync);
            var listed = await results.ListResultsAsync(new ListResultsRequest { FrameworkCode = "PCI", Year = 2022 });

            Assert.DoesNotContain(listed.Results, r => r.SubjectCode == "HA_NOI");
            Assert.Empty(await ReadAll(Feed(), start));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER test_refuse_fall ON index_events; DROP FUNCTION test_refuse_fall();");
        }

        await results.RecordResultAsync(Result("PCI", 2022, "HA_NOI", rank: 20));
        Assert.Equal(["index.result_recorded", "index.rank_fell"], (await ReadAll(Feed(), start)).Select(c => c.Type));
    }

    [Fact]
    public async Task A_consumer_that_reads_some_restarts_the_service_and_continues_from_its_cursor_loses_and_repeats_nothing()
    {
        var start = await EndOfFeed();
        foreach (var year in new[] { 2010, 2011, 2012 })
        {
            await Results(fixture.Factory).RecordResultAsync(Result("PAR_INDEX", year, "DA_NANG", rank: 1));
        }
        var firstPage = await Feed().ReadChangesAsync(new ReadIndexChangesRequest { AfterSequence = start, PageSize = 2 });

        await using var restarted = fixture.StartInstance();
        foreach (var year in new[] { 2013, 2014 })
        {
            await Results(restarted).RecordResultAsync(Result("PAR_INDEX", year, "DA_NANG", rank: 1));
        }
        var rest = await ReadAll(Feed(restarted), firstPage.LastSequence);

        var consumed = firstPage.Changes.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, 5).Select(n => start + n), consumed.Select(c => c.Sequence));
        Assert.Equal(Enumerable.Range(2010, 5).Select(y => $"PAR_INDEX/{y}/DA_NANG"), consumed.Select(c => c.ResultKey));
    }

    [Fact]
    public async Task A_stream_sends_the_backlog_then_each_new_event_as_it_commits()
    {
        var start = await EndOfFeed();
        await Results(fixture.Factory).RecordResultAsync(Result("PAR_INDEX", 2015, "CAN_THO", rank: 5));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = Feed().StreamChanges(new StreamIndexChangesRequest { AfterSequence = start }, cancellationToken: timeout.Token);

        Assert.True(await stream.ResponseStream.MoveNext(timeout.Token));
        var first = stream.ResponseStream.Current;
        await Results(fixture.Factory).RecordResultAsync(Result("PAR_INDEX", 2016, "CAN_THO", rank: 4));
        Assert.True(await stream.ResponseStream.MoveNext(timeout.Token));
        var second = stream.ResponseStream.Current;

        Assert.Equal((start + 1, "PAR_INDEX/2015/CAN_THO"), (first.Sequence, first.ResultKey));
        Assert.Equal((start + 2, "PAR_INDEX/2016/CAN_THO"), (second.Sequence, second.ResultKey));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
