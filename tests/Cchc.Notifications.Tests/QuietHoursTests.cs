using Cchc.Notifications.Messages;
using Cchc.Notifications.Recipients;

namespace Cchc.Notifications.Tests;

public sealed class QuietHoursTests
{
    private static DateTimeOffset Vietnam(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Theory]
    // 21:00–07:00 spans midnight: late evening waits for the next morning, early morning for the same morning.
    [InlineData(22, 23, 30, 23, 7, 0)]
    [InlineData(23, 5, 15, 23, 7, 0)]
    [InlineData(22, 21, 0, 23, 7, 0)]
    // Outside the span: now.
    [InlineData(22, 7, 0, 22, 7, 0)]
    [InlineData(22, 20, 59, 22, 20, 59)]
    public void A_span_across_midnight_holds_until_its_end(int day, int hour, int minute, int expectedDay, int expectedHour, int expectedMinute) =>
        Assert.Equal(Vietnam(expectedDay, expectedHour, expectedMinute),
            QuietHours.NextAllowed(Vietnam(day, hour, minute), new TimeOnly(21, 0), new TimeOnly(7, 0)));

    [Fact]
    public void A_daytime_span_and_no_span()
    {
        Assert.Equal(Vietnam(22, 13, 30), QuietHours.NextAllowed(Vietnam(22, 12, 10), new TimeOnly(11, 30), new TimeOnly(13, 30)));
        Assert.Equal(Vietnam(22, 12, 10), QuietHours.NextAllowed(Vietnam(22, 12, 10), null, null));
    }

    [Theory]
    [InlineData("hoa.nguyen@example.vn", "h*********@example.vn")]
    [InlineData("a@b.vn", "a***@b.vn")]
    [InlineData("0912345678", "09******78")]
    public void Addresses_are_masked_in_the_log(string address, string masked) => Assert.Equal(masked, AddressMask.Mask(address));

    [Fact]
    public void SMS_text_loses_its_diacritics_but_keeps_its_letters() =>
        Assert.Equal("So Khoa hoc va Cong nghe tinh Quang Tri da tiep nhan ho so", Sms.Ascii("Sở Khoa học và Công nghệ tỉnh Quảng Trị đã tiếp nhận hồ sơ"));
}
