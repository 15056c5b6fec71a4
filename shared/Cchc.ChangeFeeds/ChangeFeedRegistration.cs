using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cchc.ChangeFeeds;

/// <summary>Registers the feed a service serves, so its gRPC adapter gets a <see cref="ChangeFeedReader{TContext, TEvent}"/>.</summary>
public static class ChangeFeedRegistration
{
    /// <param name="legacyPollIntervalKey">
    /// The configuration key this service read the stream's poll interval from before the feeds shared
    /// one setting (e.g. <c>Dossiers:ChangeStreamPollInterval</c>); when set it wins over
    /// <c>ChangeFeed:StreamPollInterval</c>, so a deployment that set it sees no change.
    /// </param>
    public static IServiceCollection AddChangeFeed<TContext, TEvent>(this IServiceCollection services, FeedDescriptor feed, string? legacyPollIntervalKey = null)
        where TContext : DbContext where TEvent : class, IFeedEvent
    {
        var options = services.AddOptions<ChangeFeedOptions>().BindConfiguration(ChangeFeedOptions.Section);
        if (legacyPollIntervalKey is not null)
        {
            options.Configure<IConfiguration>((o, configuration) =>
            {
                if (configuration.GetValue<TimeSpan?>(legacyPollIntervalKey) is { } legacy)
                {
                    o.StreamPollInterval = legacy;
                }
            });
        }
        options.Validate(o => o.StreamPollInterval > TimeSpan.Zero, "The change stream's poll interval must be positive.").ValidateOnStart();
        services.AddSingleton(sp => new ChangeFeedReader<TContext, TEvent>(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IOptions<ChangeFeedOptions>>(), feed));
        return services;
    }
}
