using Cchc.Notifications.Messages;

namespace Cchc.Notifications.Tests;

/// <summary>How the e-mail and SMS channels may be reached: never in clear text to another machine.</summary>
public sealed class ChannelSettingsTests
{
    [Theory]
    [InlineData("Endpoint=http://sms.example.vn/send;ApiKey=k")]
    [InlineData("Endpoint=http://10.0.0.5/send;ApiKey=k")]
    public void An_SMS_provider_on_another_machine_must_be_https(string connectionString) =>
        Assert.Contains("https", Assert.Throws<InvalidOperationException>(() => SmsSettings.Parse(connectionString)).Message);

    [Theory]
    [InlineData("Endpoint=https://sms.example.vn/send;ApiKey=k")]
    [InlineData("Endpoint=http://127.0.0.1:8025/send;ApiKey=k")]
    public void An_https_provider_or_one_on_loopback_is_accepted(string connectionString) =>
        Assert.NotNull(SmsSettings.Parse(connectionString));
}
