using System.Text.Json;
using Cchc.Dossiers.V1;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Indexes.Tests;

/// <summary>
/// Dossier change-feed events shaped exactly as Dossiers writes them (DossierEventPayloads: JSON objects
/// with ISO-8601 UTC instants, parsed into a Struct by its feed service), for a scripted set of dossiers.
/// </summary>
public sealed class DemoDossierFeed
{
    private readonly List<(string Type, string Code, DateTimeOffset At, Dictionary<string, object?> Payload)> _events = [];

    public static DateTimeOffset Vn(int month, int day, int hour = 9, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    public sealed record Script(string Code, string Agency, string Unit, int Channel, DateTimeOffset ReceivedAt, DateTimeOffset LegalDueAt)
    {
        public int PapersTotal { get; init; } = 1;
        public int PapersDigitised { get; init; }
        public int PapersReused { get; init; }
        /// <summary>When the result was ready; null while in progress.</summary>
        public DateTimeOffset? FinishedAt { get; init; }
        public bool ResultElectronic { get; init; }
        public bool? PaidOnline { get; init; }
        /// <summary>When each supplement was requested; all but the last one were provided a day later.</summary>
        public DateTimeOffset[] SupplementRequests { get; init; } = [];
        public bool StillAwaitingSupplement { get; init; }
        public bool? Satisfied { get; init; }
        public bool OnlySubmitted { get; init; }
    }

    public DemoDossierFeed Add(Script d)
    {
        var version = 1;
        Dictionary<string, object?> Facts(int status, DateTimeOffset? finished, int requests, bool electronic, bool? paid, string action) => new()
        {
            ["action"] = action, ["agencyCode"] = d.Agency, ["currentUnitCode"] = d.Unit, ["fromStatus"] = 4, ["fromStatusName"] = "Đang xử lý",
            ["status"] = status, ["statusName"] = "", ["reason"] = "", ["procedureCode"] = "1.001234", ["procedureVersion"] = 1,
            ["receivingUnitCode"] = d.Unit, ["channel"] = d.Channel, ["receivedAt"] = d.ReceivedAt.ToUniversalTime(),
            ["legalDueAt"] = d.LegalDueAt.ToUniversalTime(), ["dueAt"] = d.LegalDueAt.ToUniversalTime(), ["finishedAt"] = finished?.ToUniversalTime(),
            // What Dossiers judged when it wrote the event; the index judges again at the period's end.
            ["onTime"] = requests <= 1 && (finished ?? d.ReceivedAt) <= d.LegalDueAt, ["supplementRequestCount"] = requests, ["withinTarget"] = null,
            ["processingWorkingMinutes"] = null, ["papersTotal"] = d.PapersTotal, ["papersDigitised"] = d.PapersDigitised,
            ["papersReused"] = d.PapersReused, ["resultElectronic"] = electronic, ["paidOnline"] = paid, ["version"] = ++version,
        };

        if (d.OnlySubmitted)
        {
            _events.Add(("dossier.submitted", d.Code, d.ReceivedAt, new()
            {
                ["procedureCode"] = "1.001234", ["procedureVersion"] = 1, ["agencyCode"] = d.Agency, ["receivingUnitCode"] = d.Unit, ["channel"] = 2,
                ["status"] = 1, ["statusName"] = "Mới đăng ký", ["receivedAt"] = null, ["legalStart"] = d.ReceivedAt.ToUniversalTime(),
                ["dueAt"] = d.LegalDueAt.ToUniversalTime(), ["papersTotal"] = d.PapersTotal, ["papersDigitised"] = 0, ["papersReused"] = 0,
                ["paidOnline"] = null, ["version"] = 1,
            }));
            return this;
        }
        _events.Add(("dossier.received", d.Code, d.ReceivedAt, new()
        {
            ["procedureCode"] = "1.001234", ["procedureVersion"] = 1, ["agencyCode"] = d.Agency, ["receivingUnitCode"] = d.Unit, ["channel"] = d.Channel,
            ["status"] = 2, ["statusName"] = "Được tiếp nhận", ["receivedAt"] = d.ReceivedAt.ToUniversalTime(), ["legalStart"] = d.ReceivedAt.ToUniversalTime(),
            ["dueAt"] = d.LegalDueAt.ToUniversalTime(), ["papersTotal"] = d.PapersTotal, ["papersDigitised"] = 0, ["papersReused"] = 0,
            ["paidOnline"] = null, ["version"] = version,
        }));
        _events.Add(("dossier.status_changed", d.Code, d.ReceivedAt.AddHours(1), Facts(4, null, 0, false, null, "StartProcessing")));
        for (var i = 0; i < d.PapersDigitised; i++)
        {
            _events.Add(("dossier.paper_digitised", d.Code, d.ReceivedAt.AddHours(2), new()
            {
                ["agencyCode"] = d.Agency, ["paperIndex"] = i, ["sha256"] = "ab", ["sizeBytes"] = 10, ["mediaType"] = "application/pdf",
                ["existingFile"] = i < d.PapersReused, ["reused"] = i < d.PapersReused, ["papersTotal"] = d.PapersTotal,
                ["papersDigitised"] = i + 1, ["papersReused"] = Math.Min(i + 1, d.PapersReused), ["version"] = ++version,
            }));
        }
        for (var i = 0; i < d.SupplementRequests.Length; i++)
        {
            var at = d.SupplementRequests[i];
            _events.Add(("dossier.status_changed", d.Code, at, Facts(5, null, i + 1, false, d.PaidOnline, "RequestSupplement")));
            _events.Add(("dossier.supplement_requested", d.Code, at, new()
            {
                ["supplementRequestCount"] = i + 1, ["supplementRequirements"] = "Bản sao giấy tờ", ["pausedAt"] = at.ToUniversalTime(), ["version"] = version,
            }));
            if (i < d.SupplementRequests.Length - 1 || !d.StillAwaitingSupplement)
            {
                _events.Add(("dossier.status_changed", d.Code, at.AddDays(1), Facts(4, null, i + 1, false, d.PaidOnline, "SupplementProvided")));
                _events.Add(("dossier.supplement_provided", d.Code, at.AddDays(1), new()
                {
                    ["previousDueAt"] = d.LegalDueAt.ToUniversalTime(), ["dueAt"] = d.LegalDueAt.ToUniversalTime(), ["pausedWorkingMinutes"] = 0, ["version"] = version,
                }));
            }
        }
        if (d.PaidOnline is { } paid)
        {
            _events.Add(("dossier.status_changed", d.Code, d.ReceivedAt.AddHours(3), Facts(4, null, d.SupplementRequests.Length, false, paid, "PaymentConfirmed")));
        }
        if (d.FinishedAt is { } finished)
        {
            if (d.ResultElectronic)
            {
                _events.Add(("dossier.result_digitised", d.Code, finished, new()
                {
                    ["agencyCode"] = d.Agency, ["sha256"] = "cd", ["sizeBytes"] = 10, ["mediaType"] = "application/pdf", ["existingFile"] = false,
                    ["replaced"] = false, ["resultElectronic"] = true, ["version"] = ++version,
                }));
            }
            _events.Add(("dossier.status_changed", d.Code, finished, Facts(9, finished, d.SupplementRequests.Length, d.ResultElectronic, d.PaidOnline, "CompleteResult")));
            _events.Add(("dossier.status_changed", d.Code, finished.AddHours(2), Facts(10, finished, d.SupplementRequests.Length, d.ResultElectronic, d.PaidOnline, "ReturnResult")));
        }
        if (d.Satisfied is { } satisfied)
        {
            var ratedAt = (d.FinishedAt ?? d.ReceivedAt).AddDays(1);
            _events.Add(("dossier.rated", d.Code, ratedAt, new()
            {
                ["agencyCode"] = d.Agency, ["receivingUnitCode"] = d.Unit, ["procedureCode"] = "1.001234",
                ["overall"] = satisfied ? "Satisfied" : "Dissatisfied", ["satisfied"] = satisfied, ["criteria"] = new Dictionary<string, string>(),
                ["hasComment"] = false, ["ratedAt"] = ratedAt.ToUniversalTime(), ["onTime"] = true, ["version"] = ++version,
            }));
        }
        return this;
    }

    /// <summary>Every event in commit order (by when it happened), numbered from 1 without gaps.</summary>
    public IReadOnlyList<DossierChange> Changes() => _events
        .Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i)
        .Select((x, n) => new DossierChange
        {
            Sequence = n + 1,
            Type = x.e.Type,
            DossierCode = x.e.Code,
            OccurredAt = Timestamp.FromDateTimeOffset(x.e.At),
            Payload = Struct.Parser.ParseJson(JsonSerializer.Serialize(x.e.Payload)),
        })
        .ToList();
}
