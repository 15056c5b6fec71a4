using Cchc.SharedKernel.Organization;
using Cchc.Directives.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;

namespace Cchc.Directives.Tests;

/// <summary>An agency of the registry made for one test: its own codes, so tests sharing a database never meet.</summary>
public sealed record TestAgency(string Province, string Code, string Office, string Division, string Inspectorate)
{
    public string Token(string role, string? unit = null) => TestIdentity.Token(role, unit ?? Office, Code);
}

/// <summary>Clients and builders the directive tests share.</summary>
public sealed class DirectivesScenario(ServiceFixture<Program> fixture)
{
    public DocumentService.DocumentServiceClient Documents { get; } = new(fixture.CreateChannel());
    public TaskService.TaskServiceClient Tasks { get; } = new(fixture.CreateChannel());

    public DocumentService.DocumentServiceClient DocumentsAs(string credential) => new(fixture.CreateChannel(credential));

    public TaskService.TaskServiceClient TasksAs(string credential) => new(fixture.CreateChannel(credential));

    /// <summary>Province P, agency P.SO with its office P.SO.VP, a division P.SO.QLCN and the inspectorate P.SO.TTR.</summary>
    public async Task<TestAgency> AgencyAsync(string province)
    {
        var units = new OrganizationService.OrganizationServiceClient(fixture.CreateChannel());
        var agency = new TestAgency(province, $"{province}.SO", $"{province}.SO.VP", $"{province}.SO.QLCN", $"{province}.SO.TTR");
        await units.CreateUnitAsync(new CreateUnitRequest { Unit = new V1.Unit { Code = province, Name = $"Tỉnh {province}", Kind = UnitKind.Province } });
        await units.CreateUnitAsync(new CreateUnitRequest { Unit = new V1.Unit { Code = agency.Code, Name = "Sở Khoa học và Công nghệ", Kind = UnitKind.Agency, ParentCode = province } });
        foreach (var (code, name, kind) in new[]
        {
            (agency.Office, "Văn phòng Sở", UnitKind.Office),
            (agency.Division, "Phòng Quản lý Công nghệ và Chuyên ngành", UnitKind.Division),
            (agency.Inspectorate, "Thanh tra Sở", UnitKind.Division),
        })
        {
            await units.CreateUnitAsync(new CreateUnitRequest { Unit = new V1.Unit { Code = code, Name = name, Kind = kind, ParentCode = agency.Code } });
        }
        return agency;
    }

    public async Task<V1.Document> CreateAsync(V1.Document document, string? credential = null) =>
        (await (credential is null ? Documents : DocumentsAs(credential)).CreateDocumentAsync(new CreateDocumentRequest { Document = document })).Document;

    public static V1.Document PartyDirective(string symbol, string term = "2020-2025", string summary = "Về tăng cường sự lãnh đạo của các cấp ủy đảng") => new()
    {
        Kind = V1.DocumentKind.Directive,
        Symbol = symbol,
        IssuerName = "Ban Thường vụ Tỉnh ủy",
        Term = term,
        IssueDate = "2022-12",
        Summary = summary,
        SignerName = "Lê Quang Tùng",
        SignerTitle = "T/M BAN THƯỜNG VỤ - BÍ THƯ",
    };

    public static V1.Document Dispatch(string symbol, string issuerUnit, params (ReferenceKind Kind, string DocumentId)[] references)
    {
        var document = new V1.Document
        {
            Kind = V1.DocumentKind.Dispatch,
            Symbol = symbol,
            IssuerUnitCode = issuerUnit,
            IssueDate = "2023-12",
            Summary = "V/v triển khai thực hiện chỉ thị",
        };
        document.References.AddRange(references.Select(r => new V1.DocumentReference { Kind = r.Kind, DocumentId = r.DocumentId }));
        return document;
    }

    public async Task<DirectiveTask> TaskAsync(string documentId, string number, string lead, string? deadline = null, string? parent = null, params string[] coordinators)
    {
        var task = new DirectiveTask { DocumentId = documentId, Number = number, Title = $"Nhiệm vụ {number}", LeadUnitCode = lead, ParentTaskId = parent ?? "" };
        task.CoordinatingUnitCodes.AddRange(coordinators);
        if (deadline is not null)
        {
            task.Deadline = deadline;
        }
        return (await Tasks.CreateTaskAsync(new CreateTaskRequest { Task = task })).Task;
    }

    public async Task<ReportProgressResponse> ReportAsync(TestAgency agency, DirectiveTask task, int percent, string text = "Đã triển khai", string period = "", string? unit = null)
    {
        var report = new V1.ProgressReport { Text = text, Percent = percent, Period = period };
        report.Evidence.Add(new FileMetadata { Name = "bao-cao.pdf", MediaType = "application/pdf", Sha256 = new string('a', 64), SizeBytes = 12345 });
        return await TasksAs(agency.Token(Roles.ProcessingOfficer, unit ?? task.LeadUnitCode))
            .ReportProgressAsync(new ReportProgressRequest { TaskId = task.TaskId, Report = report });
    }

    public static string Days(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(fromToday).ToString("yyyy-MM-dd");
}
