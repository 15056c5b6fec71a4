using System.Collections.Concurrent;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using System.Text.Json;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>The change feed as a consumer keeping its own cursor sees it.</summary>
public sealed class ChangeFeedTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000401";
    private readonly DossierScenario _scenario;

    public ChangeFeedTests(DossiersFixture fixture) => _scenario = new DossierScenario(fixture);

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 5);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static DossierChangeFeed.DossierChangeFeedClient Feed(WebApplicationFactory<Program> instance) =>
        new(ServiceFixture<Program>.CreateChannel(instance, Integrator));

    private DossierChangeFeed.DossierChangeFeedClient Feed() => Feed(_scenario.Fixture.Factory);

    /// <summary>Reads every event after <paramref name="cursor"/>, page by page, as a consumer does.</summary>
    private static async Task<List<DossierChange>> ReadAll(DossierChangeFeed.DossierChangeFeedClient feed, long cursor, int pageSize = 100)
    {
        var changes = new List<DossierChange>();
        while (true)
        {
            var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = cursor, PageSize = pageSize });
            if (page.Changes.Count == 0)
            {
                return changes;
            }
            changes.AddRange(page.Changes);
            cursor = page.LastSequence;
        }
    }

    private async Task<long> EndOfFeed() => (await ReadAll(Feed(), 0)).LastOrDefault()?.Sequence ?? 0;

    [Fact]
    public async Task A_numbered_event_is_neither_changed_renumbered_nor_deleted_whatever_the_statement_names()
    {
        _scenario.At(2026, 6, 3, 9, 0);
        await _scenario.ReceiveAsync(Procedure);
        await EndOfFeed();

        await _scenario.InDatabase(async db =>
        {
            await FeedGuard.AssertGuardedAsync(db, "dossier_events");
            return true;
        });
    }

    [Fact]
    public async Task Every_change_is_an_event_once_in_order_with_gapless_sequences()
    {
        var start = await EndOfFeed();
        _scenario.At(2026, 6, 1, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        _scenario.At(2026, 6, 1, 10, 0);
        await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
        _scenario.At(2026, 6, 2, 10, 0);
        await _scenario.ActAsync(ProcessingOfficer(QualityUnit), receipt.DossierCode, DossierAction.RequestSupplement, r =>
        {
            r.Reason = "Thiếu giấy tờ";
            r.SupplementRequirements = "Giấy chứng nhận hợp chuẩn";
        });

        var changes = await ReadAll(Feed(), start, pageSize: 2);

        Assert.Equal(Enumerable.Range(1, changes.Count).Select(n => start + n), changes.Select(c => c.Sequence));
        Assert.Equal(
        [
            DossierEventTypes.Received,
            DossierEventTypes.StatusChanged, DossierEventTypes.HandedOver,
            DossierEventTypes.StatusChanged, DossierEventTypes.SupplementRequested,
        ], changes.Select(c => c.Type));
        Assert.All(changes, c => Assert.Equal(receipt.DossierCode, c.DossierCode));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero), changes[0].OccurredAt.ToDateTimeOffset());
        Assert.Equal(QualityUnit, changes[2].Payload.Fields["toUnitCode"].StringValue);
        Assert.Equal(5, changes[3].Payload.Fields["status"].NumberValue);
        Assert.Equal("Giấy chứng nhận hợp chuẩn", changes[4].Payload.Fields["supplementRequirements"].StringValue);
        Assert.DoesNotContain(changes, c => c.Payload.ToString().Contains("Nguyễn Thị Hoa"));
        // The events an applicant is written about say whether they can be reached by e-mail and SMS; never the address.
        Assert.All(new[] { changes[0], changes[1], changes[3], changes[4] }, c =>
        {
            Assert.True(c.Payload.Fields["applicantHasEmail"].BoolValue);
            Assert.True(c.Payload.Fields["applicantHasPhone"].BoolValue);
        });
        Assert.DoesNotContain(changes, c => c.Payload.ToString().Contains("hoa.nguyen@example.vn") || c.Payload.ToString().Contains("0912345678"));
        // Every event names the agency, which is what a portal's webhook filters on.
        Assert.All(changes, c => Assert.Equal(Agency, c.Payload.Fields["agencyCode"].StringValue));
    }

    [Fact]
    public async Task A_consumer_that_reads_some_restarts_the_service_and_continues_from_its_cursor_loses_and_repeats_nothing()
    {
        var start = await EndOfFeed();
        _scenario.At(2026, 6, 3, 9, 0);
        var before = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            before.Add((await _scenario.ReceiveAsync(Procedure)).DossierCode);
        }
        var firstPage = await Feed().ReadChangesAsync(new ReadChangesRequest { AfterSequence = start, PageSize = 2 });
        var cursor = firstPage.LastSequence;

        await using var restarted = _scenario.Fixture.StartInstance();
        var desk = new DossierService.DossierServiceClient(ServiceFixture<Program>.CreateChannel(restarted, DeskOfficer()));
        var after = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            after.Add((await desk.ReceiveDossierAsync(NewIntake(Procedure))).Receipt.DossierCode);
        }
        var rest = await ReadAll(Feed(restarted), cursor);

        var consumed = firstPage.Changes.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, 5).Select(n => start + n), consumed.Select(c => c.Sequence));
        Assert.Equal(before.Concat(after), consumed.Select(c => c.DossierCode));
    }

    [Fact]
    public async Task An_event_whose_transaction_commits_after_a_later_one_is_never_skipped_by_a_cursor_that_read_in_between()
    {
        var start = await EndOfFeed();
        _scenario.At(2026, 6, 4, 9, 0);
        // A writer of our own, without the service's retrying strategy, so the test holds its transaction
        // open: its event is inserted (its id taken) before the intake's, and commits after it.
        await using var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>()
            .UseNpgsql(_scenario.Fixture.DatabaseConnectionString).UseSnakeCaseNamingConvention().Options);
        await using var slow = await db.Database.BeginTransactionAsync();
        await ChangeFeedWriter.AppendAsync(db, [new PendingEvent("test.slow_writer", "QT.TEST-260604-0001", DateTimeOffset.UtcNow, new { })], default);

        // Writers do not queue behind an open one any more: the intake commits while the slow writer is open.
        var receipt = await _scenario.ReceiveAsync(Procedure).WaitAsync(TimeSpan.FromSeconds(30));
        var visibleWhileOpen = await ReadAll(Feed(), start);
        var cursor = visibleWhileOpen.LastOrDefault()?.Sequence ?? start;
        await slow.CommitAsync();
        var afterCursor = await ReadAll(Feed(), cursor);
        var visibleAfterCommit = await ReadAll(Feed(), start);

        // The reader moved its cursor past the intake's event while the earlier-inserted one was open, and
        // still gets that one next: it is numbered when it commits, after every number already given.
        Assert.Equal([(DossierEventTypes.Received, start + 1)], visibleWhileOpen.Select(c => (c.Type, c.Sequence)));
        Assert.Equal(receipt.DossierCode, visibleWhileOpen[0].DossierCode);
        Assert.Equal([("test.slow_writer", start + 2)], afterCursor.Select(c => (c.Type, c.Sequence)));
        Assert.Equal([(DossierEventTypes.Received, start + 1), ("test.slow_writer", start + 2)],
            visibleAfterCommit.Select(c => (c.Type, c.Sequence)));
    }

    [Fact]
    public async Task Events_of_transactions_that_roll_back_are_never_numbered_and_leave_no_gap()
    {
        var start = await EndOfFeed();
        _scenario.At(2026, 6, 4, 11, 0);
        await using (var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>()
            .UseNpgsql(_scenario.Fixture.DatabaseConnectionString).UseSnakeCaseNamingConvention().Options))
        {
            await using var doomed = await db.Database.BeginTransactionAsync();
            await ChangeFeedWriter.AppendAsync(db, [new PendingEvent("test.rolled_back", "QT.TEST-260604-0002", DateTimeOffset.UtcNow, new { })], default);
            await doomed.RollbackAsync();
        }
        var receipt = await _scenario.ReceiveAsync(Procedure);

        var changes = await ReadAll(Feed(), start);

        Assert.Equal([(DossierEventTypes.Received, start + 1)], changes.Select(c => (c.Type, c.Sequence)));
        Assert.Equal(receipt.DossierCode, changes[0].DossierCode);
    }

    [Fact]
    public async Task A_consumer_polling_while_many_officials_write_at_once_sees_exactly_the_events_a_full_read_sees()
    {
        var start = await EndOfFeed();
        _scenario.At(2026, 6, 5, 9, 0);
        var writing = new CancellationTokenSource();
        var polled = new List<DossierChange>();
        var reader = Task.Run(async () =>
        {
            var cursor = start;
            var feed = Feed();
            var drainedAfterWriters = false;
            while (!drainedAfterWriters)
            {
                var writersDone = writing.IsCancellationRequested;
                var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = cursor, PageSize = 3 });
                polled.AddRange(page.Changes);
                cursor = page.LastSequence;
                drainedAfterWriters = writersDone && page.Changes.Count == 0;
            }
        });

        var writers = Enumerable.Range(0, 6).Select(async w =>
        {
            for (var i = 0; i < 4; i++)
            {
                var receipt = await _scenario.ReceiveAsync(Procedure);
                await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
            }
        });
        await Task.WhenAll(writers);
        writing.Cancel();
        await reader;
        var full = await ReadAll(Feed(), start);

        Assert.Equal(6 * 4 * 3, full.Count);
        Assert.Equal(Enumerable.Range(1, full.Count).Select(n => start + n), full.Select(c => c.Sequence));
        Assert.Equal(full.Select(c => c.Sequence), polled.Select(c => c.Sequence));
    }

    [Fact]
    public async Task A_stream_sends_the_backlog_then_each_new_event_as_it_commits()
    {
        var start = await EndOfFeed();
        _scenario.At(2026, 6, 8, 9, 0);
        var backlog = await _scenario.ReceiveAsync(Procedure);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = Feed().StreamChanges(new StreamChangesRequest { AfterSequence = start }, cancellationToken: timeout.Token);

        Assert.True(await stream.ResponseStream.MoveNext(timeout.Token));
        var first = stream.ResponseStream.Current;
        var live = await _scenario.ReceiveAsync(Procedure);
        Assert.True(await stream.ResponseStream.MoveNext(timeout.Token));
        var second = stream.ResponseStream.Current;

        Assert.Equal((start + 1, backlog.DossierCode), (first.Sequence, first.DossierCode));
        Assert.Equal((start + 2, live.DossierCode), (second.Sequence, second.DossierCode));
    }

    [Fact]
    public async Task A_key_with_dossiers_read_follows_the_feed_but_needs_dossiers_write_to_submit_a_dossier()
    {
        var reader = TestIdentity.ApiKey("Hệ thống thông báo (thử nghiệm)", ["dossiers:read"]);
        var submission = NewIntake(Procedure, channel: IntakeChannel.Online);
        submission.ReceivingUnitCode = DeskUnit;

        var page = await new DossierChangeFeed.DossierChangeFeedClient(_scenario.Fixture.CreateChannel(reader))
            .ReadChangesAsync(new ReadChangesRequest { PageSize = 1 });
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _scenario.ReceiveAsync(submission, reader));

        Assert.True(page.LastSequence >= 0);
    }

    [Fact]
    public async Task The_feed_pages_over_REST_for_integrators_and_refuses_officials()
    {
        var start = await EndOfFeed();
        _scenario.At(2026, 6, 9, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        using var rest = _scenario.Fixture.CreateRestClient(Integrator);
        using var official = _scenario.Fixture.CreateRestClient(DeskOfficer());

        var page = await rest.GetFromJsonAsync<JsonElement>($"/dossiers/v1/changes?afterSequence={start}&pageSize=10");
        var refused = await official.GetAsync($"/dossiers/v1/changes?afterSequence={start}");

        var change = Assert.Single(page.GetProperty("changes").EnumerateArray());
        Assert.Equal(receipt.DossierCode, change.GetProperty("dossierCode").GetString());
        Assert.Equal(DossierEventTypes.Received, change.GetProperty("type").GetString());
        Assert.Equal("2026-06-16T17:00:00+07:00", DateTimeOffset.Parse(change.GetProperty("payload").GetProperty("dueAt").GetString()!).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        Assert.Equal(start + 1, page.GetProperty("lastSequence").GetInt64());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
