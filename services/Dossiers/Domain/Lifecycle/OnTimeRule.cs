namespace Cchc.Dossiers.Domain.Lifecycle;

/// <summary>The national on-time judgement used by the 766 service index (Quyết định 766/QĐ-TTg).</summary>
public static class OnTimeRule
{
    /// <param name="dueAt">The appointment, already shifted by supplement pauses.</param>
    /// <param name="finishedAt">When the result was ready; null while still in progress.</param>
    /// <param name="supplementRequestCount">How many times the citizen was asked to supplement.</param>
    /// <param name="periodEnd">End of the reporting period an unfinished dossier is judged at.</param>
    public static bool IsOnTime(DateTime dueAt, DateTime? finishedAt, int supplementRequestCount, DateTime periodEnd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(supplementRequestCount);

        // The law allows one request to supplement; asking again counts against the agency.
        if (supplementRequestCount > 1)
        {
            return false;
        }

        return finishedAt is { } finished ? finished <= dueAt : periodEnd <= dueAt;
    }
}
