namespace Cchc.SharedKernel.ServiceIndex;

/// <summary>
/// The national on-time judgement of the 766 service index (Quyết định 766/QĐ-TTg, indicator 2.1), written
/// once: Dossiers judges a dossier with it, and Indexes' SQL over dossier facts is checked against it by a
/// test over the same facts (<c>services/Indexes/Domain/ServiceIndex/IndicatorRules.cs</c>).
/// </summary>
public static class OnTimeRule
{
    /// <summary>
    /// A dossier is on time when the moment it stopped counting is not after its legal deadline: its finish;
    /// while it waits for the applicant's supplement, the request itself; otherwise the moment it is judged at
    /// (the end of the period, or now while the period runs). Asking for a supplement more than once is late.
    /// </summary>
    /// <param name="legalDueAt">The statutory deadline, already shifted by supplement pauses (not by apology letters).</param>
    /// <param name="finishedAt">When the result was ready; null while in progress.</param>
    /// <param name="pausedAt">While waiting for a supplement: when it was asked for; otherwise null.</param>
    /// <param name="supplementRequestCount">How many times the applicant was asked to supplement.</param>
    /// <param name="judgedAt">The end of the reporting period, or now while it runs.</param>
    public static bool IsOnTime(DateTimeOffset legalDueAt, DateTimeOffset? finishedAt, DateTimeOffset? pausedAt, int supplementRequestCount, DateTimeOffset judgedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(supplementRequestCount);

        // The law allows one request to supplement; asking again counts against the agency.
        if (supplementRequestCount > 1)
        {
            return false;
        }
        return (finishedAt ?? pausedAt ?? judgedAt) <= legalDueAt;
    }
}
