namespace Cchc.Notifications.Digest;

/// <summary>The local dates on which the digest went out.</summary>
public sealed class DigestRun
{
    public DateOnly Date { get; init; }
    public int Queued { get; init; }
    public DateTimeOffset RanAt { get; init; }
}
