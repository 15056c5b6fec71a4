using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Directives.ChangeFeed;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Directives.Tests;

/// <summary>The change feed as a consumer keeping its own cursor (Notifications, an integrator) sees it.</summary>
public sealed class ChangeFeedTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private readonly DirectivesScenario _given = new(fixture);

    private static DirectiveChangeFeed.DirectiveChangeFeedClient Feed(WebApplicationFactory<Program> instance) =>
        new(ServiceFixture<Program>.CreateChannel(instance, TestIdentity.Token(Roles.Integrator)));

    private DirectiveChangeFeed.DirectiveChangeFeedClient Feed() => Feed(fixture.Factory);

    /// <summary>Reads every event after <paramref name="cursor"/>, page by page, as a consumer does.</summary>
    private static async Task<List<DirectiveChange>> ReadAll(DirectiveChangeFeed.DirectiveChangeFeedClient feed, long cursor, int pageSize = 100)
    {
        var changes = new List<DirectiveChange>();
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
        var agency = await _given.AgencyAsync("F6");
        await _given.CreateAsync(DirectivesScenario.Dispatch("1/F6-VP", agency.Code));
        await EndOfFeed();

        using var scope = fixture.Factory.Services.CreateScope();
        await FeedGuard.AssertGuardedAsync(scope.ServiceProvider.GetRequiredService<Cchc.Directives.Data.DirectivesDbContext>(), "directive_events");
    }

    [Fact]
    public async Task Every_change_to_documents_and_tasks_is_an_event_once_in_order_with_gapless_sequences_and_a_refused_change_is_none()
    {
        var agency = await _given.AgencyAsync("F1");
        var start = await EndOfFeed();
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/F1-VP", agency.Code));
        var task = await _given.TaskAsync(dispatch.DocumentId, "1", agency.Division, DirectivesScenario.Days(30), null, agency.Inspectorate);
        var followUp = _given.TasksAs(agency.Token(Roles.FollowUpOffice));
        var partial = await _given.ReportAsync(agency, task, 40);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => followUp.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = task.TaskId, ReportId = partial.Report.ReportId }).ResponseAsync);
        var premature = await _given.ReportAsync(agency, task, 100);
        await followUp.SendBackReportAsync(new SendBackReportRequest { TaskId = task.TaskId, ReportId = premature.Report.ReportId, Reason = "Thiếu minh chứng" });
        var final = await _given.ReportAsync(agency, task, 100, "Hoàn thành, kèm minh chứng");
        await followUp.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = task.TaskId, ReportId = final.Report.ReportId });
        var second = await _given.TaskAsync(dispatch.DocumentId, "2", agency.Office, DirectivesScenario.Days(10));
        var edit = second.Clone();
        edit.Deadline = DirectivesScenario.Days(20);
        await _given.Tasks.UpdateTaskAsync(new UpdateTaskRequest { Task = edit });
        await followUp.CancelTaskAsync(new CancelTaskRequest { TaskId = second.TaskId, Reason = "Đã lồng ghép vào nhiệm vụ 1" });
        var document = (await _given.Documents.GetDocumentAsync(new GetDocumentRequest { DocumentId = dispatch.DocumentId })).Document;
        document.Summary = "V/v triển khai thực hiện chỉ thị (sửa trích yếu)";
        await _given.Documents.UpdateDocumentAsync(new UpdateDocumentRequest { Document = document });

        var changes = await ReadAll(Feed(), start, pageSize: 2);

        Assert.Equal(Enumerable.Range(1, changes.Count).Select(n => start + n), changes.Select(c => c.Sequence));
        Assert.Equal(
        [
            DirectiveEventTypes.DocumentCreated,
            DirectiveEventTypes.TaskCreated,
            DirectiveEventTypes.ProgressReported,
            DirectiveEventTypes.ProgressReported,
            DirectiveEventTypes.ReportSentBack,
            DirectiveEventTypes.ProgressReported,
            DirectiveEventTypes.CompletionConfirmed,
            DirectiveEventTypes.TaskCreated,
            DirectiveEventTypes.TaskUpdated,
            DirectiveEventTypes.TaskCancelled,
            DirectiveEventTypes.DocumentUpdated,
        ], changes.Select(c => c.Type));
        Assert.Equal($"documents/{dispatch.DocumentId}", changes[0].Subject);
        Assert.All(changes.Skip(1).Take(6), c => Assert.Equal(($"tasks/{task.TaskId}", dispatch.DocumentId), (c.Subject, c.DocumentId)));
        var created = changes[1].Payload.Fields;
        Assert.Equal((agency.Division, agency.Code, "1/F1-VP", "1", "NOT_STARTED"),
            (created["leadUnitCode"].StringValue, created["agencyCode"].StringValue, created["documentSymbol"].StringValue, created["number"].StringValue,
                created["status"].StringValue));
        Assert.Equal([agency.Inspectorate], created["coordinatingUnitCodes"].ListValue.Values.Select(v => v.StringValue));
        Assert.Equal((DirectivesScenario.Days(30), "Phòng Quản lý Công nghệ và Chuyên ngành"), (created["deadline"].StringValue, created["leadUnitName"].StringValue));
        Assert.True(changes[3].Payload.Fields["completionRequested"].BoolValue);
        Assert.Equal("Thiếu minh chứng", changes[4].Payload.Fields["reason"].StringValue);
        Assert.Equal(("DONE_ON_TIME", final.Report.ReportId), (changes[6].Payload.Fields["status"].StringValue, changes[6].Payload.Fields["reportId"].StringValue));
        Assert.Equal(["deadline"], changes[8].Payload.Fields["changedFields"].ListValue.Values.Select(v => v.StringValue));
        Assert.Equal((DirectivesScenario.Days(10), DirectivesScenario.Days(20)),
            (changes[8].Payload.Fields["previousDeadline"].StringValue, changes[8].Payload.Fields["deadline"].StringValue));
        Assert.Equal(("CANCELLED", "Đã lồng ghép vào nhiệm vụ 1"), (changes[9].Payload.Fields["status"].StringValue, changes[9].Payload.Fields["cancelReason"].StringValue));
        Assert.Equal(("", "V/v triển khai thực hiện chỉ thị (sửa trích yếu)"), (changes[10].TaskId, changes[10].Payload.Fields["summary"].StringValue));
    }

    [Fact]
    public async Task A_consumer_that_reads_some_restarts_the_service_and_continues_from_its_cursor_loses_and_repeats_nothing()
    {
        var agency = await _given.AgencyAsync("F2");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/F2-VP", agency.Code));
        var start = await EndOfFeed();
        var before = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            before.Add((await _given.TaskAsync(dispatch.DocumentId, $"{i}", agency.Division)).TaskId);
        }
        var firstPage = await Feed().ReadChangesAsync(new ReadChangesRequest { AfterSequence = start, PageSize = 2 });

        await using var restarted = fixture.StartInstance();
        var tasks = new TaskService.TaskServiceClient(ServiceFixture<Program>.CreateChannel(restarted, TestIdentity.Administrator));
        var after = new List<string>();
        for (var i = 4; i <= 5; i++)
        {
            after.Add((await tasks.CreateTaskAsync(new CreateTaskRequest
            {
                Task = new V1.DirectiveTask { DocumentId = dispatch.DocumentId, Number = $"{i}", Title = $"Nhiệm vụ {i}", LeadUnitCode = agency.Office },
            })).Task.TaskId);
        }
        var rest = await ReadAll(Feed(restarted), firstPage.LastSequence);

        var consumed = firstPage.Changes.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, 5).Select(n => start + n), consumed.Select(c => c.Sequence));
        Assert.Equal(before.Concat(after), consumed.Select(c => c.TaskId));
    }

    [Fact]
    public async Task A_consumer_polling_while_many_officials_write_at_once_sees_exactly_the_events_a_full_read_sees()
    {
        var agency = await _given.AgencyAsync("F3");
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/F3-VP", agency.Code));
        var start = await EndOfFeed();
        var writing = new CancellationTokenSource();
        var polled = new List<DirectiveChange>();
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

        var writers = Enumerable.Range(0, 5).Select(async w =>
        {
            for (var i = 0; i < 3; i++)
            {
                var task = await _given.TaskAsync(dispatch.DocumentId, $"{w}.{i}", agency.Division);
                await _given.ReportAsync(agency, task, 50);
            }
        });
        await Task.WhenAll(writers);
        await writing.CancelAsync();
        await reader;
        var full = await ReadAll(Feed(), start);

        Assert.Equal(5 * 3 * 2, full.Count);
        Assert.Equal(Enumerable.Range(1, full.Count).Select(n => start + n), full.Select(c => c.Sequence));
        Assert.Equal(full.Select(c => c.Sequence), polled.Select(c => c.Sequence));
    }

    [Fact]
    public async Task A_stream_sends_the_backlog_then_each_new_event_as_it_commits()
    {
        var agency = await _given.AgencyAsync("F4");
        var start = await EndOfFeed();
        var backlog = await _given.CreateAsync(DirectivesScenario.Dispatch("1/F4-VP", agency.Code));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = Feed().StreamChanges(new StreamChangesRequest { AfterSequence = start }, cancellationToken: timeout.Token);

        Assert.True(await stream.ResponseStream.MoveNext(timeout.Token));
        var first = stream.ResponseStream.Current;
        var live = await _given.TaskAsync(backlog.DocumentId, "1", agency.Office);
        Assert.True(await stream.ResponseStream.MoveNext(timeout.Token));
        var second = stream.ResponseStream.Current;

        Assert.Equal((start + 1, DirectiveEventTypes.DocumentCreated, backlog.DocumentId), (first.Sequence, first.Type, first.DocumentId));
        Assert.Equal((start + 2, DirectiveEventTypes.TaskCreated, live.TaskId), (second.Sequence, second.Type, second.TaskId));
    }

    [Fact]
    public async Task The_feed_pages_over_REST_for_integrators_and_services_and_refuses_officials()
    {
        var agency = await _given.AgencyAsync("F5");
        var start = await EndOfFeed();
        var dispatch = await _given.CreateAsync(DirectivesScenario.Dispatch("1/F5-VP", agency.Code));
        using var integrator = fixture.CreateRestClient(TestIdentity.Token(Roles.Integrator));
        using var service = fixture.CreateRestClient(TestIdentity.Token(Roles.Service, null, null));
        using var leadership = fixture.CreateRestClient(agency.Token(Roles.Leadership));

        var page = await integrator.GetFromJsonAsync<JsonElement>($"/directives/v1/changes?afterSequence={start}&pageSize=10");
        var asService = await service.GetFromJsonAsync<JsonElement>($"/directives/v1/changes?afterSequence={start}");
        var refused = await leadership.GetAsync($"/directives/v1/changes?afterSequence={start}");

        var change = Assert.Single(page.GetProperty("changes").EnumerateArray());
        Assert.Equal((DirectiveEventTypes.DocumentCreated, dispatch.DocumentId), (change.GetProperty("type").GetString(), change.GetProperty("documentId").GetString()));
        Assert.Equal("1/F5-VP", change.GetProperty("payload").GetProperty("symbol").GetString());
        Assert.Equal(start + 1, page.GetProperty("lastSequence").GetInt64());
        Assert.Equal(start + 1, asService.GetProperty("lastSequence").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
