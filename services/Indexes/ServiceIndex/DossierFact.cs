using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Indexes.ServiceIndex;

/// <summary>
/// What the 766 index needs to know of one dossier, as the latest event of the Dossiers feed left it.
/// Each event sets the facts it carries (it never adds to a count), and an event at or below
/// <see cref="LastSequence"/> is skipped, so taking a page in twice changes nothing; a late fact (a
/// rating after the result) updates the period the dossier was received in.
/// </summary>
public sealed class DossierFact
{
    public required string DossierCode { get; init; }
    public string AgencyCode { get; set; } = "";
    public string ProvinceCode { get; set; } = "";
    public string ReceivingUnitCode { get; set; } = "";
    public string ProcedureCode { get; set; } = "";
    /// <summary>KenhThucHien: 1 in person, 2 online, 3 post.</summary>
    public int Channel { get; set; }
    public int Status { get; set; }
    /// <summary>Null until the desk receives the dossier: only received dossiers count.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }
    /// <summary>The Vietnam calendar month of <see cref="ReceivedAt"/>, for period queries.</summary>
    public int? ReceivedYear { get; set; }
    public int? ReceivedMonth { get; set; }
    /// <summary>The statutory deadline, moved only by supplement pauses (not by apology letters).</summary>
    public DateTimeOffset? LegalDueAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>While the dossier waits for the applicant's supplement: when it was asked for.</summary>
    public DateTimeOffset? PausedAt { get; set; }
    public int SupplementRequestCount { get; set; }
    public int PapersTotal { get; set; }
    public int PapersDigitised { get; set; }
    public int PapersReused { get; set; }
    public bool ResultElectronic { get; set; }
    /// <summary>Null while no payment is recorded, i.e. no financial obligation is known.</summary>
    public bool? PaidOnline { get; set; }
    /// <summary>Null until rated; then whether the overall rating was not Dissatisfied.</summary>
    public bool? Satisfied { get; set; }
    public long LastSequence { get; set; }

    public const int StatusSupplementRequested = 5;
    public const int StatusResultReady = 9;
    public const int StatusResultReturned = 10;

    /// <summary>Sets the facts one event carries. Returns false when the event was already applied.</summary>
    public bool Apply(long sequence, string type, Struct? payload)
    {
        if (sequence <= LastSequence)
        {
            return false;
        }
        LastSequence = sequence;
        var p = payload?.Fields ?? new Google.Protobuf.Collections.MapField<string, Value>();

        if (Text(p, "agencyCode") is { Length: > 0 } agency)
        {
            AgencyCode = agency;
            ProvinceCode = Provinces.Of(agency);
        }
        ReceivingUnitCode = Text(p, "receivingUnitCode") is { Length: > 0 } unit ? unit : ReceivingUnitCode;
        ProcedureCode = Text(p, "procedureCode") is { Length: > 0 } procedure ? procedure : ProcedureCode;
        if (Number(p, "channel") is { } channel)
        {
            Channel = (int)channel;
        }
        if (Number(p, "status") is { } status)
        {
            Status = (int)status;
        }
        if (Instant(p, "receivedAt") is { } received)
        {
            ReceivedAt = received;
            (var year, var month) = ReportingPeriod.MonthOf(received);
            (ReceivedYear, ReceivedMonth) = (year, month);
        }
        if (Instant(p, "legalDueAt") is { } legalDue)
        {
            LegalDueAt = legalDue;
        }
        else if (type is "dossier.received" or "dossier.submitted" && Instant(p, "dueAt") is { } due)
        {
            // At intake the appointment is the statutory deadline; only supplements and apologies move them apart later.
            LegalDueAt = due;
        }
        if (p.ContainsKey("finishedAt"))
        {
            FinishedAt = Instant(p, "finishedAt");
        }
        if (Number(p, "supplementRequestCount") is { } requests)
        {
            SupplementRequestCount = (int)requests;
        }
        switch (type)
        {
            case "dossier.supplement_requested":
                PausedAt = Instant(p, "pausedAt") ?? PausedAt;
                break;
            case "dossier.supplement_provided":
                PausedAt = null;
                break;
            case "dossier.status_changed" when Status != StatusSupplementRequested:
                PausedAt = null;
                break;
            case "dossier.rated" when p.TryGetValue("satisfied", out var satisfied) && satisfied.KindCase == Value.KindOneofCase.BoolValue:
                Satisfied = satisfied.BoolValue;
                break;
        }
        if (Number(p, "papersTotal") is { } total)
        {
            PapersTotal = (int)total;
        }
        if (Number(p, "papersDigitised") is { } digitised)
        {
            PapersDigitised = (int)digitised;
        }
        if (Number(p, "papersReused") is { } reused)
        {
            PapersReused = (int)reused;
        }
        if (p.TryGetValue("resultElectronic", out var electronic) && electronic.KindCase == Value.KindOneofCase.BoolValue)
        {
            ResultElectronic = electronic.BoolValue;
        }
        if (p.TryGetValue("paidOnline", out var paid))
        {
            PaidOnline = paid.KindCase == Value.KindOneofCase.BoolValue ? paid.BoolValue : null;
        }
        return true;
    }

    private static string? Text(Google.Protobuf.Collections.MapField<string, Value> p, string key) =>
        p.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : null;

    private static double? Number(Google.Protobuf.Collections.MapField<string, Value> p, string key) =>
        p.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.NumberValue ? v.NumberValue : null;

    private static DateTimeOffset? Instant(Google.Protobuf.Collections.MapField<string, Value> p, string key) =>
        Text(p, key) is { Length: > 0 } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;
}

/// <summary>The value of an indicator the platform holds no data for, entered per scope and period.</summary>
public sealed class ManualIndicatorValue
{
    public required string IndicatorCode { get; init; }
    public ScopeKind ScopeKind { get; init; }
    public required string ScopeCode { get; init; }
    public PeriodKind PeriodKind { get; init; }
    public required string Period { get; init; }
    public decimal Ratio { get; set; }
    public string Note { get; set; } = "";
    public required string EnteredBy { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
}
