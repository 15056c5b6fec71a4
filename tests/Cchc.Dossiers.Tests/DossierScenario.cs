using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Dossiers.Tests;

/// <summary>
/// The Department of Science and Technology of Quảng Trị as the tests use it: its one-stop desk,
/// two processing units and the officials of each, calling the clocked service.
/// </summary>
public sealed class DossierScenario(DossiersFixture fixture)
{
    public const string Agency = "QT.SKHCN";
    public const string DeskUnit = "QT.SKHCN.MC";
    public const string QualityUnit = "QT.SKHCN.TDC";
    public const string TechnologyUnit = "QT.SKHCN.QLCN";

    public static string DeskOfficer(string agency = Agency) => TestIdentity.Token(Roles.DeskOfficer, $"{agency}.MC", agency);
    public static string ProcessingOfficer(string unit) => TestIdentity.Token(Roles.ProcessingOfficer, unit, Agency);
    public static string UnitHead(string unit) => TestIdentity.Token(Roles.UnitHead, unit, Agency);
    public static readonly string Integrator = TestIdentity.Token(Roles.Integrator, unit: null, agency: null);

    public DossiersFixture Fixture => fixture;

    public DossierService.DossierServiceClient Dossiers(string token) => new(fixture.ClockedChannel(token));

    public void At(int year, int month, int day, int hour, int minute) => fixture.Clock.SetVietnam(year, month, day, hour, minute);

    /// <summary>Creates a procedure of <paramref name="workingDays"/> working days processed by <paramref name="processingUnit"/>.</summary>
    public async Task ProcedureAsync(string code, int workingDays, string processingUnit = QualityUnit, string name = "Đăng ký công bố hợp chuẩn dựa trên kết quả chứng nhận")
    {
        var catalog = new ProcedureCatalog.ProcedureCatalogClient(fixture.ClockedChannel(TestIdentity.Administrator));
        await catalog.CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = new Procedure
            {
                Code = code,
                Name = name,
                Field = "Tiêu chuẩn, Đo lường, Chất lượng",
                AgencyCode = Agency,
                ProcessingUnitCode = processingUnit,
                StatutoryTime = new StatutoryTime { Amount = workingDays.ToString(), Unit = DurationUnit.WorkingDays },
                OnlineLevel = OnlineLevel.Full,
            },
        });
    }

    public static ReceiveDossierRequest NewIntake(string procedureCode, string agency = Agency, IntakeChannel channel = IntakeChannel.InPerson) => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        Applicant = new Applicant
        {
            Kind = ApplicantKind.Person,
            IdentityNumber = "045090001234",
            Name = "Nguyễn Thị Hoa",
            Phone = "0912345678",
            Email = "hoa.nguyen@example.vn",
            Address = "12 Hùng Vương, phường Đông Hà, tỉnh Quảng Trị",
        },
        ProcedureCode = procedureCode,
        AgencyCode = agency,
        Channel = channel,
        Papers =
        {
            new Paper { Name = "Bản công bố hợp chuẩn (Mẫu 02. CBHC)", Kind = PaperKind.Original, Count = 1 },
            new Paper { Name = "Giấy chứng nhận hợp chuẩn", Kind = PaperKind.Copy, Count = 1 },
        },
    };

    public async Task<DossierReceipt> ReceiveAsync(ReceiveDossierRequest request, string? token = null) =>
        (await Dossiers(token ?? DeskOfficer(request.AgencyCode)).ReceiveDossierAsync(request)).Receipt;

    public async Task<DossierReceipt> ReceiveAsync(string procedureCode, string agency = Agency) =>
        await ReceiveAsync(NewIntake(procedureCode, agency));

    public async Task<Dossier> GetAsync(string code, string? token = null) =>
        (await Dossiers(token ?? DeskOfficer()).GetDossierAsync(new GetDossierRequest { DossierCode = code })).Dossier;

    /// <summary>Applies <paramref name="action"/> on the dossier as <paramref name="token"/> last read it.</summary>
    public async Task<Dossier> ActAsync(string token, string code, DossierAction action, Action<ApplyDossierActionRequest>? details = null)
    {
        var current = await GetAsync(code, token);
        var request = new ApplyDossierActionRequest { DossierCode = code, Etag = current.Etag, Action = action };
        details?.Invoke(request);
        return (await Dossiers(token).ApplyDossierActionAsync(request)).Dossier;
    }

    public Task<Dossier> ActAsync(string token, string code, DossierAction action, string reason) =>
        ActAsync(token, code, action, r => r.Reason = reason);

    public async Task<T> InDatabase<T>(Func<DossiersDbContext, Task<T>> query)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<DossiersDbContext>());
    }

    /// <summary>The audit trail of one dossier, oldest first.</summary>
    public Task<List<Records.DossierAuditEntry>> AuditOf(string code) => InDatabase(db => db.AuditEntries
        .Where(a => db.Dossiers.Any(d => d.Id == a.DossierId && d.Code == code))
        .OrderBy(a => a.Id)
        .ToListAsync());

    /// <summary>The change-feed events of one dossier, read from the whole feed as an integrator reads it.</summary>
    public async Task<List<DossierChange>> ChangesOf(string code)
    {
        var feed = new DossierChangeFeed.DossierChangeFeedClient(fixture.ClockedChannel(Integrator));
        var changes = new List<DossierChange>();
        var cursor = 0L;
        while (true)
        {
            var page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = cursor, PageSize = 500 });
            if (page.Changes.Count == 0)
            {
                return changes.Where(c => c.DossierCode == code).ToList();
            }
            changes.AddRange(page.Changes);
            cursor = page.LastSequence;
        }
    }
}

internal static class TestExtensions
{
    /// <summary>Changes <paramref name="value"/> in place and returns it, for a request that differs from a template in one field.</summary>
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
