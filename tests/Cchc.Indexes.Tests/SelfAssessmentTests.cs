using Cchc.Directives.V1;
using Cchc.Indexes.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;

namespace Cchc.Indexes.Tests;

/// <summary>A unit scores itself with evidence from Directives; the follow-up office appraises and locks.</summary>
public sealed class SelfAssessmentTests(SelfAssessmentFixture fixture) : IClassFixture<SelfAssessmentFixture>
{
    private const string Agency = "TA.SO";
    private const string Unit = "TA.SO.QLCN";
    private const string OtherUnit = "TA.SO.TTR";

    private SelfAssessmentService.SelfAssessmentServiceClient As(string role, string unit = Unit) =>
        new(fixture.Indexes.CreateChannel(TestIdentity.Token(role, unit, Agency)));

    private SelfAssessmentService.SelfAssessmentServiceClient UnitHead(string unit = Unit) => As(Roles.UnitHead, unit);

    private SelfAssessmentService.SelfAssessmentServiceClient FollowUpOffice() => As(Roles.FollowUpOffice, "TA.SO.VP");

    private async Task<Assessment> StartAsync(int year, string unit = Unit) =>
        (await UnitHead(unit).StartAssessmentAsync(new StartAssessmentRequest { FrameworkCode = "PAPI", Year = year, UnitCode = unit })).Assessment;

    private static ScoreCriterionRequest Score(Assessment assessment, string criterion, string score, params EvidenceRef[] evidence)
    {
        var request = new ScoreCriterionRequest { AssessmentId = assessment.AssessmentId, CriterionCode = criterion, SelfScore = score, Note = "Đã thực hiện đầy đủ" };
        request.Evidence.AddRange(evidence);
        return request;
    }

    private static EvidenceRef DocumentRef(string id) => new() { Kind = EvidenceKind.Document, DocumentId = id };

    /// <summary>A real document of the agency in Directives, and a real progress report of a task the unit leads.</summary>
    private async Task<(Document Document, Directives.V1.ProgressReport Report)> EvidenceInDirectivesAsync(string symbol, string agency = Agency, string unit = Unit)
    {
        var admin = fixture.Directives.CreateChannel(TestIdentity.Administrator);
        var units = new OrganizationService.OrganizationServiceClient(admin);
        var listed = await units.ListUnitsAsync(new ListUnitsRequest());
        if (!listed.Units.Any(u => u.Code == unit))
        {
            var province = agency.Split('.')[0];
            await units.CreateUnitAsync(new CreateUnitRequest { Unit = new Unit { Code = province, Name = $"Tỉnh {province}", Kind = UnitKind.Province } });
            await units.CreateUnitAsync(new CreateUnitRequest { Unit = new Unit { Code = agency, Name = "Sở Khoa học và Công nghệ", Kind = UnitKind.Agency, ParentCode = province } });
            await units.CreateUnitAsync(new CreateUnitRequest { Unit = new Unit { Code = unit, Name = "Phòng Quản lý Công nghệ và Chuyên ngành", Kind = UnitKind.Division, ParentCode = agency } });
        }
        var document = (await new DocumentService.DocumentServiceClient(admin).CreateDocumentAsync(new CreateDocumentRequest { Document = new Document
        {
            Kind = DocumentKind.Plan, Symbol = symbol, IssuerUnitCode = agency, IssuerName = "Sở Khoa học và Công nghệ", IssueDate = "2025-01",
            Summary = "Kế hoạch cải cách hành chính năm 2025",
        } })).Document;
        var task = (await new TaskService.TaskServiceClient(admin).CreateTaskAsync(new CreateTaskRequest { Task = new DirectiveTask
        {
            DocumentId = document.DocumentId, Number = "1", Title = "Công khai thủ tục hành chính", LeadUnitCode = unit,
        } })).Task;
        var officer = new TaskService.TaskServiceClient(fixture.Directives.CreateChannel(TestIdentity.Token(Roles.ProcessingOfficer, unit, agency)));
        var report = (await officer.ReportProgressAsync(new ReportProgressRequest { TaskId = task.TaskId, Report = new Directives.V1.ProgressReport
        {
            Text = "Đã công khai 100% thủ tục", Percent = 60,
        } })).Report;
        return (document, report);
    }

    [Fact]
    public async Task A_unit_scores_with_evidence_the_appraiser_adjusts_and_locks_and_nothing_changes_after()
    {
        var (document, report) = await EvidenceInDirectivesAsync("01/KH-SKHCN");
        var assessment = await StartAsync(2025);

        var scored = await UnitHead().ScoreCriterionAsync(Score(assessment, "D2", "9", DocumentRef(document.DocumentId),
            new EvidenceRef { Kind = EvidenceKind.TaskReport, TaskId = report.TaskId, ReportId = report.ReportId }));
        await UnitHead().ScoreCriterionAsync(Score(assessment, "D5", "8", DocumentRef(document.DocumentId)));
        await FollowUpOffice().AppraiseAsync(new AppraiseRequest { AssessmentId = assessment.AssessmentId, CriterionCode = "D2", AppraisedScore = "7.5", Comment = "Minh chứng chưa đủ cho 1,5 điểm" });
        var locked = (await FollowUpOffice().LockAssessmentAsync(new LockAssessmentRequest { AssessmentId = assessment.AssessmentId })).Assessment;

        Assert.Equal(["01/KH-SKHCN Kế hoạch cải cách hành chính năm 2025", "60%: Đã công khai 100% thủ tục"], scored.Criterion.Evidence.Select(e => e.Title));
        Assert.Equal((AssessmentState.Locked, "17", "15.5", "80"), (locked.State, locked.SelfTotal, locked.AppraisedTotal, locked.MaxTotal));
        var d2 = locked.Criteria.Single(c => c.CriterionCode == "D2");
        Assert.Equal(("9", "7.5", "7.5", 2), (d2.SelfScore, d2.AppraisedScore, d2.FinalScore, d2.Evidence.Count));

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => UnitHead().ScoreCriterionAsync(Score(assessment, "D1", "5")).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => FollowUpOffice().AppraiseAsync(new AppraiseRequest
        {
            AssessmentId = assessment.AssessmentId, CriterionCode = "D5", AppraisedScore = "1",
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => FollowUpOffice().LockAssessmentAsync(new LockAssessmentRequest { AssessmentId = assessment.AssessmentId }).ResponseAsync);
        var after = (await UnitHead().GetAssessmentAsync(new GetAssessmentRequest { AssessmentId = assessment.AssessmentId })).Assessment;
        Assert.Equal(locked.Criteria, after.Criteria);
    }

    [Fact]
    public async Task Evidence_that_Directives_does_not_know_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var (document, report) = await EvidenceInDirectivesAsync("02/KH-SKHCN");
        var assessment = await StartAsync(2026);
        await UnitHead().ScoreCriterionAsync(Score(assessment, "D3", "6", DocumentRef(document.DocumentId)));

        await RpcAssert.InvalidFields(() => UnitHead().ScoreCriterionAsync(Score(assessment, "D3", "9",
            DocumentRef(document.DocumentId), DocumentRef(Guid.NewGuid().ToString()),
            new EvidenceRef { Kind = EvidenceKind.TaskReport, TaskId = report.TaskId, ReportId = Guid.NewGuid().ToString() })).ResponseAsync,
            "evidence[1].document_id", "evidence[2].report_id");
        await RpcAssert.InvalidFields(() => UnitHead().ScoreCriterionAsync(Score(assessment, "D3", "10.5")).ResponseAsync, "self_score");
        await RpcAssert.InvalidFields(() => UnitHead().ScoreCriterionAsync(Score(assessment, "D9", "1")).ResponseAsync, "criterion_code");

        var stored = (await UnitHead().GetAssessmentAsync(new GetAssessmentRequest { AssessmentId = assessment.AssessmentId })).Assessment.Criteria.Single(c => c.CriterionCode == "D3");
        Assert.Equal(("6", 1), (stored.SelfScore, stored.Evidence.Count));
    }

    [Fact]
    public async Task Another_agencys_document_or_task_report_is_not_evidence_and_its_report_is_answered_as_unknown()
    {
        var (own, _) = await EvidenceInDirectivesAsync("04/KH-SKHCN");
        var (theirs, theirReport) = await EvidenceInDirectivesAsync("05/KH-SKHCN", "TB.SO", "TB.SO.QLCN");
        var assessment = await StartAsync(2028);

        var refused = await RpcAssert.InvalidFields(() => UnitHead().ScoreCriterionAsync(Score(assessment, "D4", "9",
            DocumentRef(own.DocumentId), DocumentRef(theirs.DocumentId),
            new EvidenceRef { Kind = EvidenceKind.TaskReport, TaskId = theirReport.TaskId, ReportId = theirReport.ReportId })).ResponseAsync,
            "evidence[1].document_id", "evidence[2].report_id");

        Assert.All(refused.FieldViolations, v => Assert.DoesNotContain(theirReport.Text, v.Description));
        var stored = (await UnitHead().GetAssessmentAsync(new GetAssessmentRequest { AssessmentId = assessment.AssessmentId })).Assessment.Criteria.Single(c => c.CriterionCode == "D4");
        Assert.Empty(stored.Evidence);
    }

    [Fact]
    public async Task Officials_score_only_their_own_unit_and_only_the_follow_up_office_appraises()
    {
        var assessment = await StartAsync(2027);

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => UnitHead(OtherUnit).StartAssessmentAsync(new StartAssessmentRequest
        {
            FrameworkCode = "PAPI", Year = 2027, UnitCode = Unit,
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => UnitHead(OtherUnit).ScoreCriterionAsync(Score(assessment, "D1", "5")).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => As(Roles.ProcessingOfficer).AppraiseAsync(new AppraiseRequest
        {
            AssessmentId = assessment.AssessmentId, CriterionCode = "D1", AppraisedScore = "5",
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => StartAsync(2027));
        await As(Roles.ProcessingOfficer).ScoreCriterionAsync(Score(assessment, "D1", "5"));
    }

    [Fact]
    public async Task What_lacks_evidence_and_what_was_lost_against_last_year_are_listed_per_unit()
    {
        var (document, _) = await EvidenceInDirectivesAsync("03/KH-SKHCN");
        var lastYear = await StartAsync(2023);
        await UnitHead().ScoreCriterionAsync(Score(lastYear, "D1", "9", DocumentRef(document.DocumentId)));
        await UnitHead().ScoreCriterionAsync(Score(lastYear, "D2", "8", DocumentRef(document.DocumentId)));
        await FollowUpOffice().AppraiseAsync(new AppraiseRequest { AssessmentId = lastYear.AssessmentId, CriterionCode = "D2", AppraisedScore = "7" });
        var thisYear = await StartAsync(2024);
        await UnitHead().ScoreCriterionAsync(Score(thisYear, "D1", "6", DocumentRef(document.DocumentId)));
        await UnitHead().ScoreCriterionAsync(Score(thisYear, "D2", "9"));

        var missing = await UnitHead().ListMissingEvidenceAsync(new ListMissingEvidenceRequest { AssessmentId = thisYear.AssessmentId });
        var comparison = await UnitHead().CompareWithPreviousYearAsync(new CompareWithPreviousYearRequest { AssessmentId = thisYear.AssessmentId });

        Assert.Equal(Unit, missing.UnitCode);
        Assert.Equal([("D2", false), ("D3", true), ("D4", true), ("D5", true), ("D6", true), ("D7", true), ("D8", true)],
            missing.Criteria.Select(c => (c.CriterionCode, c.NotScored)));
        Assert.Equal((2023, "16", "15", "3"), (comparison.PreviousYear, comparison.PreviousTotal, comparison.Total, comparison.TotalPointsLost));
        Assert.Equal([("D1", "9", "6", "3"), ("D2", "7", "9", "0")],
            comparison.Criteria.Where(c => c.PreviousScore.Length > 0).Select(c => (c.CriterionCode, c.PreviousScore, c.Score, c.PointsLost)));
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => UnitHead().CompareWithPreviousYearAsync(new CompareWithPreviousYearRequest { AssessmentId = lastYear.AssessmentId }).ResponseAsync);
    }
}
