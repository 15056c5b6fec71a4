using System.Collections.Concurrent;
using Cchc.Indexes.Domain.ServiceIndex;

namespace Cchc.Indexes.ServiceIndex;

/// <summary>What one scan of the facts counted for a scope and period, and how long the count stays true.</summary>
/// <param name="AsOfSequence">The Dossiers feed position the facts were at (read before the scan).</param>
/// <param name="JudgedAt">When unfinished dossiers were judged (the period's end, or now while it runs).</param>
/// <param name="NextLateAt">
/// The earliest statutory deadline, at or after <paramref name="JudgedAt"/>, of a dossier still open: until then no
/// dossier of the scope turns late, so the count holds for any later judgement up to it; null when none is open.
/// </param>
public sealed record ServiceIndexTally(IndicatorTally Tally, long AsOfSequence, DateTimeOffset JudgedAt, DateTimeOffset? NextLateAt)
{
    /// <summary>Whether this count is what a scan at <paramref name="asOfSequence"/>, judged at <paramref name="judgedAt"/>, would give.</summary>
    public bool HoldsFor(long asOfSequence, DateTimeOffset judgedAt) =>
        asOfSequence == AsOfSequence && judgedAt >= JudgedAt && (NextLateAt is null || judgedAt <= NextLateAt);
}

/// <summary>
/// The last count of each scope and period, so that the officials opening one dashboard share one scan of the facts
/// (tens of milliseconds for a province's year) instead of each paying for it. A count is reused only while it is
/// exactly what a new scan would give: the facts change only with the feed's cursor (the consumer moves both in one
/// transaction), and time changes the count only when an open dossier passes its deadline (see
/// <see cref="ServiceIndexTally.NextLateAt"/>). Manual indicators are not part of it; they are read on every call.
/// </summary>
public sealed class ServiceIndexTallies
{
    /// <summary>At most this many scopes and periods are kept; past it the cache starts again empty.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<(ScopeKind Scope, string Code, PeriodKind Kind, string Period), ServiceIndexTally> _tallies = new();

    public ServiceIndexTally? Find(ScopeKind scope, string scopeCode, ReportingPeriod period, long asOfSequence, DateTimeOffset judgedAt) =>
        _tallies.TryGetValue((scope, scopeCode, period.Kind, period.ToString()), out var tally) && tally.HoldsFor(asOfSequence, judgedAt) ? tally : null;

    public void Keep(ScopeKind scope, string scopeCode, ReportingPeriod period, ServiceIndexTally tally)
    {
        if (_tallies.Count >= Capacity)
        {
            _tallies.Clear();
        }
        _tallies[(scope, scopeCode, period.Kind, period.ToString())] = tally;
    }
}
