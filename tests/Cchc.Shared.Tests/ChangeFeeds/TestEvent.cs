using Cchc.ChangeFeeds;

namespace Cchc.Shared.Tests.ChangeFeeds;

/// <summary>The smallest feed event: what the shared feed code needs, and a type to recognise it by.</summary>
public sealed class TestEvent : IFeedEvent
{
    public long Id { get; init; }
    public long? Sequence { get; init; }
    public required string Type { get; init; }
}
