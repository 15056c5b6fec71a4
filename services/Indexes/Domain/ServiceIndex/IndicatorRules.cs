using Cchc.Indexes.ServiceIndex;
using Cchc.SharedKernel.ServiceIndex;

namespace Cchc.Indexes.Domain.ServiceIndex;

/// <summary>
/// Which received dossiers a computed indicator counts (its denominator), which of them meet it (its
/// numerator), and why one that does not loses the points — in C# over one dossier's facts, and beside each
/// rule the SQL that aggregates it over millions of facts in <c>dossier_facts</c>. The SQL is what runs; a test
/// (<c>tests/Cchc.Indexes.Tests/ServiceIndex/IndicatorSqlTests.cs</c>) computes both over the same facts and
/// fails on any difference. A dossier without a known deadline is neither on time nor late (as in SQL, where
/// the comparison is NULL).
/// </summary>
public sealed record IndicatorRule(
    string Code,
    Func<DossierFact, bool> Counted,
    Func<DossierFact, DateTimeOffset, bool?> Meets,
    Func<DossierFact, DateTimeOffset, string> Reason,
    string CountedSql,
    string MeetsSql,
    string ReasonSql)
{
    /// <summary>Counted and not meeting it: a dossier behind the points lost.</summary>
    public bool Loses(DossierFact fact, DateTimeOffset judgedAt) => Counted(fact) && Meets(fact, judgedAt) == false;
}

/// <summary>How many received dossiers a scope has, how many are late or rated Dissatisfied, and each computed indicator's counts.</summary>
public sealed record IndicatorTally(long Received, long Late, long Dissatisfied, IReadOnlyDictionary<string, (long Counted, long Meets)> Counts);

/// <summary>The computed indicators of the 766 service index (reference §2.2–2.3; <see cref="Indicators"/> holds their points).</summary>
public static class IndicatorRules
{
    /// <summary>Đã xử lý xong (9), Đã trả kết quả (10): the dossiers with a result.</summary>
    public static bool Completed(DossierFact f) => f.Status is DossierFact.StatusResultReady or DossierFact.StatusResultReturned;

    public const string CompletedSql = "status IN (9, 10)";

    /// <summary>Late by <see cref="OnTimeRule"/>; null when the deadline is unknown.</summary>
    public static bool? Late(DossierFact f, DateTimeOffset judgedAt) =>
        f.SupplementRequestCount > 1 ? true
        : f.LegalDueAt is { } due ? !OnTimeRule.IsOnTime(due, f.FinishedAt, f.PausedAt, f.SupplementRequestCount, judgedAt)
        : null;

    /// <summary><see cref="Late"/> in SQL, judged at the parameter <c>@judged_at</c>.</summary>
    public const string LateSql = "(supplement_request_count > 1 OR coalesce(finished_at, paused_at, @judged_at) > legal_due_at)";

    public static bool Dissatisfied(DossierFact f) => f.Satisfied == false;

    public const string DissatisfiedSql = "satisfied = false";

    public static IReadOnlyList<IndicatorRule> All { get; } =
    [
        new(Indicators.OnTime,
            _ => true,
            (f, at) => !Late(f, at),
            (f, _) => f.SupplementRequestCount > 1 ? "Yêu cầu bổ sung quá 1 lần" : "Quá hạn",
            "true", $"NOT {LateSql}",
            "CASE WHEN supplement_request_count > 1 THEN 'Yêu cầu bổ sung quá 1 lần' ELSE 'Quá hạn' END"),
        new(Indicators.OnlineSubmission,
            _ => true,
            (f, _) => f.Channel == 2,
            (_, _) => "Không nộp trực tuyến",
            "true", "channel = 2", "'Không nộp trực tuyến'"),
        new(Indicators.OnlinePayment,
            f => f.PaidOnline is not null,
            (f, _) => f.PaidOnline == true,
            (_, _) => "Không thanh toán trực tuyến",
            "paid_online IS NOT NULL", "paid_online", "'Không thanh toán trực tuyến'"),
        new(Indicators.ElectronicResult,
            Completed,
            (f, _) => f.ResultElectronic,
            (_, _) => "Không cấp kết quả điện tử",
            CompletedSql, "result_electronic", "'Không cấp kết quả điện tử'"),
        new(Indicators.Digitisation,
            _ => true,
            (f, _) => f.PapersDigitised > 0 && (!Completed(f) || f.ResultElectronic),
            (f, _) => f.PapersDigitised == 0 ? "Không số hóa thành phần hồ sơ" : "Không cấp kết quả điện tử",
            "true", $"papers_digitised > 0 AND (NOT {CompletedSql} OR result_electronic)",
            "CASE WHEN papers_digitised = 0 THEN 'Không số hóa thành phần hồ sơ' ELSE 'Không cấp kết quả điện tử' END"),
        new(Indicators.Reuse,
            _ => true,
            (f, _) => f.PapersReused > 0,
            (_, _) => "Không tái sử dụng dữ liệu số hóa",
            "true", "papers_reused > 0", "'Không tái sử dụng dữ liệu số hóa'"),
        // 5.4 is 1 − (late share + dissatisfied share): a dossier loses it by being late or rated Dissatisfied.
        new(Indicators.Satisfaction,
            _ => true,
            (f, at) => !Late(f, at) & (f.Satisfied != false),
            (f, at) => Late(f, at) == true ? Dissatisfied(f) ? "Quá hạn; không hài lòng" : "Quá hạn" : "Không hài lòng",
            "true", $"NOT {LateSql} AND satisfied IS DISTINCT FROM false",
            $"CASE WHEN {LateSql} AND {DissatisfiedSql} THEN 'Quá hạn; không hài lòng' WHEN {LateSql} THEN 'Quá hạn' ELSE 'Không hài lòng' END"),
    ];

    private static readonly Dictionary<string, IndicatorRule> ByCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    public static IndicatorRule? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The counts of received dossiers' facts, in C# (the SQL aggregate gives the same over <c>dossier_facts</c>).</summary>
    public static IndicatorTally Tally(IEnumerable<DossierFact> received, DateTimeOffset judgedAt)
    {
        var facts = received.ToList();
        return new IndicatorTally(
            facts.Count,
            facts.Count(f => Late(f, judgedAt) == true),
            facts.Count(Dissatisfied),
            All.ToDictionary(r => r.Code, r => ((long)facts.Count(r.Counted), (long)facts.Count(f => r.Counted(f) && r.Meets(f, judgedAt) == true)), StringComparer.Ordinal));
    }

    /// <summary>An indicator's ratio from the counts, or null when there is no dossier to judge.</summary>
    public static decimal? Ratio(string code, IndicatorTally tally)
    {
        if (code == Indicators.Satisfaction)
        {
            return tally.Received == 0 ? null : Math.Max(0m, 1m - ((decimal)tally.Late / tally.Received + (decimal)tally.Dissatisfied / tally.Received));
        }
        var (counted, meets) = tally.Counts[code];
        return counted == 0 ? null : (decimal)meets / counted;
    }

    /// <summary>Where an unfinished dossier is judged: the end of the period, or now while it runs (reference §1.6, point 5).</summary>
    public static DateTimeOffset JudgedAt(DateTimeOffset periodEnd, DateTimeOffset now) => periodEnd < now ? periodEnd : now;
}
