namespace Cchc.ChangeFeeds;

/// <summary>
/// Settings of the change feed a service serves (section <c>ChangeFeed</c>); a service's older key
/// for the same setting is still honoured (see <see cref="ChangeFeedRegistration.AddChangeFeed{TContext, TEvent}"/>).
/// </summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>How often a stream that has sent everything looks for new events.</summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
