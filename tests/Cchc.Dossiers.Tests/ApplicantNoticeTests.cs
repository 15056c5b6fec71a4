using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults;
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
    public async Task Only_Notifications_with_its_own_short_lived_token_for_Dossiers_reads_an_applicants_contact()
    {
        _scenario.At(2026, 11, 18, 9, 20);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        var request = new GetApplicantNoticeRequest { DossierCode = receipt.DossierCode };
        Task Call(string token) => new ApplicantNotices.ApplicantNoticesClient(_scenario.Fixture.ClockedChannel(token)).GetApplicantNoticeAsync(request).ResponseAsync;

        var admitted = await new ApplicantNotices.ApplicantNoticesClient(_scenario.Fixture.ClockedChannel(TestIdentity.ServiceToken(Resources.Notifications, Resources.Dossiers)))
            .GetApplicantNoticeAsync(request);

        Assert.Equal(receipt.DossierCode, admitted.DossierCode);
        // Another service, with a good token of its own: not for it.
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(TestIdentity.ServiceToken(Resources.Indexes, Resources.Dossiers)));
        // Notifications' token for another callee opens nothing here.
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(TestIdentity.ServiceToken(Resources.Notifications, Resources.Directives)));
        // Signed by a key Dossiers does not trust, or valid for a day: refused.
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(TestIdentity.ForeignServiceToken(Resources.Notifications)));
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(TestIdentity.ServiceToken(Resources.Notifications, TimeSpan.FromDays(1), Resources.Dossiers)));
        // The officials' issuer cannot mint a service: a token of it claiming the role is refused.
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(TestIdentity.Issuer.Issue("service:notifications", "notifications", [Roles.Service], null, null, TimeSpan.FromMinutes(5))));
        // No official, however senior.
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(TestIdentity.Administrator));
    }

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
