using Cchc.Dossiers.Domain.Lifecycle;

namespace Cchc.Dossiers.Tests.Domain.Lifecycle;

public class DossierStatusTests
{
    [Theory]
    [InlineData(DossierStatus.Submitted, 1, "Mới đăng ký")]
    [InlineData(DossierStatus.Received, 2, "Được tiếp nhận")]
    [InlineData(DossierStatus.Refused, 3, "Không được tiếp nhận")]
    [InlineData(DossierStatus.InProgress, 4, "Đang xử lý")]
    [InlineData(DossierStatus.SupplementRequested, 5, "Yêu cầu bổ sung giấy tờ")]
    [InlineData(DossierStatus.AwaitingPayment, 6, "Yêu cầu thực hiện nghĩa vụ tài chính")]
    [InlineData(DossierStatus.WithdrawalRequested, 7, "Công dân yêu cầu rút hồ sơ")]
    [InlineData(DossierStatus.Stopped, 8, "Dừng xử lý")]
    [InlineData(DossierStatus.ResultReady, 9, "Đã xử lý xong")]
    [InlineData(DossierStatus.ResultReturned, 10, "Đã trả kết quả")]
    public void Each_status_carries_its_national_portal_code_and_name(DossierStatus status, int code, string name)
    {
        Assert.Equal(code, (int)status);
        Assert.Equal(code, status.NationalCode());
        Assert.Equal(name, status.NationalName());
    }

    [Fact]
    public void An_unknown_status_code_has_no_national_name()
    {
        Action act = () => ((DossierStatus)0).NationalName();

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }
}
