using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using Grpc.Core;

namespace Cchc.Dossiers.Tests;

/// <summary>What Notifications reads to write to an applicant, since the change feed carries no personal data.</summary>
public sealed class ApplicantNoticeTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000302";
    private readonly DossierScenario _scenario;
    private readonly ApplicantNotices.ApplicantNoticesClient _notices;

    public ApplicantNoticeTests(DossiersFixture fixture)
    {
        _scenario = new DossierScenario(fixture);
        _notices = new ApplicantNotices.ApplicantNoticesClient(fixture.ClockedChannel(TestIdentity.Token(Roles.Service, unit: null, agency: null)));
    }

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 5, name: "Đăng ký công bố hợp quy sản phẩm");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_service_reads_the_applicants_contact_the_receipts_secret_and_the_dates_in_Vietnamese_form()
    {
        _scenario.At(2026, 11, 18, 9, 15);
        var receipt = await _scenario.ReceiveAsync(Procedure);

        var notice = await _notices.GetApplicantNoticeAsync(new GetApplicantNoticeRequest { DossierCode = receipt.DossierCode });

        Assert.Equal("Nguyễn Thị Hoa", notice.ApplicantName);
        Assert.Equal("0912345678", notice.Phone);
        Assert.Equal("hoa.nguyen@example.vn", notice.Email);
        Assert.Equal("Đăng ký công bố hợp quy sản phẩm", notice.ProcedureName);
        Assert.Equal(receipt.LookupSecret, notice.LookupSecret);
        Assert.Equal("09 giờ 15 phút, ngày 18/11/2026", notice.ReceivedAtLocal);
        Assert.Equal("18/11/2026", notice.ReceivedDateLocal);
        // The appointment the receipt printed, in the form a letter uses.
        Assert.Equal(receipt.DueAtLocal[..10], DateOnly.ParseExact(notice.AppointmentDateLocal, "dd/MM/yyyy").ToString("yyyy-MM-dd"));
        Assert.Equal((int)receipt.Status, notice.Status);
        Assert.Equal(receipt.StatusName, notice.StatusName);
    }

    [Fact]
    public async Task An_unknown_dossier_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _notices.GetApplicantNoticeAsync(new GetApplicantNoticeRequest { DossierCode = "QT.SKHCN-991231-9999" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
