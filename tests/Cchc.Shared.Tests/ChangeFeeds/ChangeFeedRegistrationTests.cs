using Cchc.ChangeFeeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>
/// The feeds' one poll-interval setting (<c>shared/Cchc.ChangeFeeds/ChangeFeedRegistration.cs</c>), which
/// still honours the key each service read before (<c>Dossiers:ChangeStreamPollInterval</c>, <c>Indexes:ChangeStreamPollInterval</c>).
/// </summary>
public sealed class ChangeFeedRegistrationTests
{
    private const string LegacyKey = "Dossiers:ChangeStreamPollInterval";

    private static TimeSpan PollInterval(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddChangeFeed<TestFeedContext, TestEvent>(TestFeedContext.Feed, LegacyKey);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ChangeFeedOptions>>().Value.StreamPollInterval;
    }

    [Theory]
    [InlineData(null, null, 200)]
    [InlineData("00:00:01", null, 1000)]
    [InlineData(null, "00:00:00.050", 50)]
    [InlineData("00:00:01", "00:00:00.050", 50)]
    public void The_common_key_sets_the_poll_interval_and_a_service_s_older_key_still_wins_where_set(string? common, string? legacy, int expectedMilliseconds)
    {
        var settings = new Dictionary<string, string?>();
        if (common is not null)
        {
            settings["ChangeFeed:StreamPollInterval"] = common;
        }
        if (legacy is not null)
        {
            settings[LegacyKey] = legacy;
        }

        var interval = PollInterval(settings);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), interval);
    }

    [Fact]
    public void A_poll_interval_that_is_not_positive_is_refused()
    {
        Assert.Throws<OptionsValidationException>(() => PollInterval(new Dictionary<string, string?> { [LegacyKey] = "00:00:00" }));
    }
}
