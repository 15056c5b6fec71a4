using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Directives.Tests;

public sealed class DemoDirectivesTests(DevelopmentDirectivesFixture fixture) : IClassFixture<DevelopmentDirectivesFixture>
{
    private readonly DocumentService.DocumentServiceClient _documents = new(fixture.CreateChannel());

    private async Task<DocumentSummary> FindAsync(string query) => (await _documents.SearchDocumentsAsync(new SearchDocumentsRequest { Query = query })).Hits[0].Document;

    [Fact]
    public async Task Development_has_the_Departments_officials_with_one_head_per_unit_and_the_development_accounts_among_them()
    {
        var organization = new OrganizationService.OrganizationServiceClient(fixture.CreateChannel());
        Assert.Equal(("dev-unit_head", "Trần Quốc Bảo"), await HeadAsync("QT.SKHCN.QLCN"));
        Assert.Equal("Võ Văn Hưng", (await HeadAsync("QT.SKHCN")).Name);
        var officials = (await organization.ListOfficialsAsync(new ListOfficialsRequest { UnitCode = "QT.SKHCN", IncludeSubUnits = true })).Officials;
        Assert.Contains(officials, o => o.OfficialId == "dev-follow_up_office" && o.UnitCode == "QT.SKHCN.VP" && o.Roles.SequenceEqual(["follow_up_office"]));
        Assert.All(officials.Where(o => o.UnitHead).GroupBy(o => o.UnitCode), g => Assert.Single(g));
        // The one-stop desk every demo dossier is received at is a unit of the registry, with the desk account in it.
        var desk = (await organization.GetUnitAsync(new GetUnitRequest { Code = "QT.SKHCN.MC" })).Unit;
        Assert.Equal(("Bộ phận Một cửa", "QT.SKHCN"), (desk.ShortName, desk.ParentCode));
        Assert.Contains(officials, o => o.OfficialId == "dev-desk_officer" && o.UnitCode == "QT.SKHCN.MC");

        async Task<(string Id, string Name)> HeadAsync(string code)
        {
            var unit = (await organization.GetUnitAsync(new GetUnitRequest { Code = code })).Unit;
            return (unit.HeadOfficialId, unit.HeadName);
        }
    }

    [Fact]
    public async Task Development_shows_35_CT_TU_then_the_Departments_dispatch_then_its_unit_tasks_with_status_and_evidence()
    {
        var directive = await FindAsync("35-CT/TU");

        var tree = (await _documents.GetImplementationTreeAsync(new GetImplementationTreeRequest { DocumentId = directive.DocumentId })).Root;

        var dispatch = Assert.Single(tree.ImplementedBy);
        var tasks = dispatch.Tasks.ToDictionary(t => t.Number);
        Assert.Equal(("35-CT/TU", "Ban Thường vụ Tỉnh ủy Quảng Trị", "2022-12"), (directive.Symbol, directive.IssuerName, directive.IssueDate));
        Assert.Equal(("/SKHCN-VP", "Sở Khoa học và Công nghệ tỉnh Quảng Trị", "2023-12"), (dispatch.Document.Symbol, dispatch.Document.IssuerName, dispatch.Document.IssueDate));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "TCTH"], dispatch.Tasks.Select(t => t.Number));
        Assert.Equal("QT.SKHCN.VP", tasks["TCTH"].LeadUnitCode);
        Assert.Equal(DirectiveTaskStatus.DoneOnTime, tasks["1"].Status);
        Assert.Equal("tong-hop-cam-ket-van-hoa-cong-so-2024.pdf", tasks["1"].LatestReport.Evidence.Single().Name);
        Assert.Equal(DirectiveTaskStatus.DoneLate, tasks["2"].Status);
        Assert.Equal(DirectiveTaskStatus.DoneLate, tasks["5"].Status);
        Assert.Equal((DirectiveTaskStatus.Overdue, 60), (tasks["4"].Status, tasks["4"].Percent));
        Assert.Equal(DirectiveTaskStatus.Overdue, tasks["7"].Status);
        Assert.Equal(DirectiveTaskStatus.Overdue, tasks["TCTH"].Status);
        var share = Assert.Single(tree.Tasks, t => t.Number == "6.1");
        Assert.Equal(("QT.SKHCN", 8, 76), (share.LeadUnitCode, share.SubtaskCount, share.Percent));
        // Item 4 was due Sunday 30 June 2024, so on Monday 1 July; item 5, due 30 September 2024, was done eleven working days late.
        Assert.Equal(("2024-06-30", "2024-07-01"), (tasks["4"].Deadline, tasks["4"].DueDate));
        Assert.True(tasks["4"].WorkingDaysLate > 500);
        Assert.Equal(("2024-10-15", 11), (tasks["5"].CompletedOn, tasks["5"].WorkingDaysLate));
        Assert.Equal("bien-ban-kiem-tra-cong-vu.pdf", tasks["4"].LatestReport.Evidence.Single().Name);
    }

    [Fact]
    public async Task Development_statistics_for_the_Department_in_2024_show_tasks_done_on_time_done_late_and_still_overdue()
    {
        var statistics = new StatisticsService.StatisticsServiceClient(fixture.CreateChannel(TestIdentity.Token(Roles.Leadership, "QT.SKHCN.VP", "QT.SKHCN")));

        var year2024 = await statistics.GetTaskStatisticsAsync(new GetTaskStatisticsRequest { PeriodStart = "2024-01-01", PeriodEnd = "2024-12-31" });
        var summary = await statistics.GetDirectiveSummaryAsync(new GetDirectiveSummaryRequest { DocumentId = (await FindAsync("35-CT/TU")).DocumentId });

        // Items 1–5, 7 and 8 of the dispatch, and the four quarterly reports of 2024 (Q3 sent a week late).
        var t = year2024.Totals;
        Assert.Equal(("QT.SKHCN", 11, 6, 3, 2), (year2024.UnitCode, t.Total, t.DoneOnTime, t.DoneLate, t.Overdue));
        Assert.Equal(2, year2024.Ongoing);
        var office = year2024.Units.Single(u => u.UnitCode == "QT.SKHCN.VP");
        Assert.Equal((7, 5, 2), (office.Counts.Total, office.Counts.DoneOnTime, office.Counts.DoneLate));
        Assert.Equal(["4", "7", "TCTH"], summary.LateTasks.Where(l => l.Status == DirectiveTaskStatus.Overdue).Select(l => l.Number).Order());
        Assert.Equal(["2", "5"], summary.LateTasks.Where(l => l.Status == DirectiveTaskStatus.DoneLate).Select(l => l.Number).Order());
        Assert.Equal(("Thanh tra Sở", "2024-07-01"), summary.LateTasks.Where(l => l.Number == "4").Select(l => (l.LeadUnitName, l.DueDate)).Single());
    }

    [Fact]
    public async Task Development_chases_up_the_overdue_items_and_the_missed_quarterly_report_once_however_often_it_scans()
    {
        var tasks = new TaskService.TaskServiceClient(fixture.CreateChannel(TestIdentity.Token(Roles.FollowUpOffice, "QT.SKHCN.VP", "QT.SKHCN")));
        var dispatch = (await _documents.GetImplementationTreeAsync(new GetImplementationTreeRequest { DocumentId = (await FindAsync("35-CT/TU")).DocumentId }))
            .Root.ImplementedBy.Single().Tasks.ToDictionary(t => t.Number);
        var scanner = fixture.Factory.Services.GetRequiredService<Cchc.Directives.ChaseUps.ChaseUpScanner>();

        await scanner.ScanAsync(CancellationToken.None);
        await scanner.ScanAsync(CancellationToken.None);

        async Task<IReadOnlyList<ChaseUp>> ChaseUpsOf(string number) =>
            (await tasks.ListChaseUpsAsync(new ListChaseUpsRequest { TaskId = dispatch[number].TaskId })).ChaseUps;
        var item4 = Assert.Single(await ChaseUpsOf("4"));
        var report = Assert.Single(await ChaseUpsOf("TCTH"));
        Assert.Equal((ChaseUpStage.AfterDue, "QT.SKHCN.TTR"), (item4.Stage, item4.LeadUnitCode));
        Assert.StartsWith("Nhiệm vụ 4 “Chấp hành kỷ luật, kỷ cương hành chính", item4.Message);
        Assert.EndsWith("Đề nghị Thanh tra Sở khẩn trương hoàn thành, báo cáo kết quả và giải trình lý do chậm trễ.", item4.Message);
        Assert.Equal(("2026-Q3", ChaseUpStage.AfterDue), (report.Period, report.Stage));
        Assert.Single(await ChaseUpsOf("7"));
        Assert.Empty(await ChaseUpsOf("1"));
    }

    [Fact]
    public async Task The_unit_tasks_carry_the_items_text_from_the_source_and_the_records_say_what_the_source_leaves_blank()
    {
        var tasks = new TaskService.TaskServiceClient(fixture.CreateChannel());
        var dispatch = (await _documents.GetImplementationTreeAsync(new GetImplementationTreeRequest { DocumentId = (await FindAsync("35-CT/TU")).DocumentId }))
            .Root.ImplementedBy.Single().Document;

        var items = (await tasks.ListTasksAsync(new ListTasksRequest { DocumentId = dispatch.DocumentId })).Tasks.ToDictionary(t => t.Number);
        var record = (await _documents.GetDocumentAsync(new GetDocumentRequest { DocumentId = dispatch.DocumentId })).Document;

        Assert.StartsWith("1. Tiếp tục quán triệt", items["1"].Content);
        Assert.Contains("Triển khai có kết quả các văn bản của Sở", items["1"].Content);
        Assert.Contains("khuyết điểm đã được chỉ ra", items["2"].Content);
        Assert.StartsWith("Giao Văn phòng Sở chủ trì", items["TCTH"].Content);
        Assert.Equal(RecurrenceFrequency.Quarterly, items["TCTH"].Recurrence.Frequency);
        Assert.False(record.Numbered);
        Assert.Contains("ngày tháng 12 năm 2023", record.Remarks);
        Assert.Equal(ReferenceKind.Implements, record.References.First().Kind);
    }

    [Fact]
    public async Task The_other_source_documents_are_registered_with_their_references()
    {
        var brVt = await FindAsync("836/SKHCN-VP");
        var report = await FindAsync("23/BC-SKHCHN");
        var hungYen = await FindAsync("cai cach hanh chinh nam 2024");

        var brVtRecord = (await _documents.GetDocumentAsync(new GetDocumentRequest { DocumentId = brVt.DocumentId })).Document;
        var reportRecord = (await _documents.GetDocumentAsync(new GetDocumentRequest { DocumentId = report.DocumentId })).Document;

        Assert.Equal(("10/CT-UBND", ReferenceKind.Implements), (brVtRecord.References.Single().Target.Symbol, brVtRecord.References.Single().Kind));
        Assert.Equal("2022-03-14", reportRecord.IssueDate);
        Assert.Contains(reportRecord.References, r => r.Kind == ReferenceKind.ReportsOn && r.Target.Symbol == "14/KH-SKHCHN");
        Assert.Equal(("Sở Khoa học và Công nghệ tỉnh Hưng Yên", "2024"), (hungYen.IssuerName, hungYen.IssueDate));
    }

    [Fact]
    public async Task An_official_of_a_division_sees_in_the_tree_only_the_tasks_their_unit_leads_or_coordinates()
    {
        var inspector = new DocumentService.DocumentServiceClient(fixture.CreateChannel(TestIdentity.Token(Roles.ProcessingOfficer, "QT.SKHCN.TTR", "QT.SKHCN")));

        var tree = (await inspector.GetImplementationTreeAsync(new GetImplementationTreeRequest { DocumentId = (await FindAsync("35-CT/TU")).DocumentId })).Root;

        Assert.Empty(tree.Tasks);
        Assert.Equal(["1", "4", "6", "7", "TCTH"], tree.ImplementedBy.Single().Tasks.Select(t => t.Number));
    }

    [Fact]
    public async Task Seeding_again_at_the_next_start_adds_nothing()
    {
        var before = await _documents.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 500 });

        await using var restarted = fixture.StartInstance();
        var after = await new DocumentService.DocumentServiceClient(DevelopmentDirectivesFixture.CreateChannel(restarted, TestIdentity.Administrator))
            .ListDocumentsAsync(new ListDocumentsRequest { PageSize = 500 });

        Assert.Equal(14, before.Documents.Count);
        Assert.Equal(before.Documents.Select(d => d.DocumentId), after.Documents.Select(d => d.DocumentId));
    }
}
