namespace Cchc.Notifications.Inbox;

public enum AddresseeKind
{
    Unit = 1,
    Agency = 2,
    Official = 3,
    /// <summary>Every administrator of the platform (the addressee is the role, "administrator").</summary>
    Administrators = 4,
}

/// <summary>One in-app message, addressed to a unit, an agency or one official.</summary>
public sealed class InboxItem
{
    public long Sequence { get; init; }
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EventId { get; init; }
    public required string EventType { get; init; }
    public AddresseeKind AddresseeKind { get; init; }
    public required string Addressee { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public int TemplateVersion { get; init; }
    public bool Urgent { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An official's read mark: each official reads a unit's message for themselves.</summary>
public sealed class InboxRead
{
    public Guid ItemId { get; init; }
    public required string Reader { get; init; }
    public DateTimeOffset ReadAt { get; init; }
}
