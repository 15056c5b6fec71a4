namespace Cchc.Dossiers.ChangeFeed;

/// <summary>One event of the change feed (outbox), written in the transaction of the change it describes.</summary>
public sealed class DossierEvent
{
    public long Sequence { get; init; }
    public required string Type { get; init; }
    public required string DossierCode { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>A JSON object.</summary>
    public required string Payload { get; init; }
}

/// <summary>The event types consumers can rely on.</summary>
public static class DossierEventTypes
{
    public const string Received = "dossier.received";
    public const string Submitted = "dossier.submitted";
    public const string StatusChanged = "dossier.status_changed";
    public const string HandedOver = "dossier.handed_over";
    public const string SupplementRequested = "dossier.supplement_requested";
    public const string SupplementProvided = "dossier.supplement_provided";
}

/// <summary>An event not yet given its sequence.</summary>
public sealed record PendingEvent(string Type, string DossierCode, DateTimeOffset OccurredAt, object Payload);
