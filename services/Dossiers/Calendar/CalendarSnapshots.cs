using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Calendar;

/// <summary>The working calendar and every agency's intake policy as stored at one revision.</summary>
public sealed record CalendarSnapshot(long Revision, LegalCalendar Calendar, IReadOnlyDictionary<string, IntakePolicy> Policies)
{
    /// <summary>The agency's own policy, or <see cref="IntakePolicy.Default"/>.</summary>
    public IntakePolicy PolicyFor(string agencyCode) => Policies.GetValueOrDefault(agencyCode) ?? IntakePolicy.Default;
}

/// <summary>
/// The calendar and the intake policies, built once per change instead of once per computation (reading a
/// few hundred rows and deriving a century of holidays cost more than the rest of an intake). Every change to
/// <c>calendar_days</c>, <c>calendar_years</c> or <c>intake_policies</c> — through the API, a migration or
/// by hand in SQL — moves <c>calendar_revision</c> in the same transaction (statement triggers, migration
/// <c>CalendarRevision</c>), and each computation reads that one row: a snapshot is reused only while it
/// is still the stored revision, so an edit applies to the very next computation on every instance, as
/// before. Revisions come from a sequence, so a rolled-back edit's number is never given to another.
/// </summary>
public sealed class CalendarSnapshots
{
    private volatile CalendarSnapshot? _current;

    /// <summary>
    /// The snapshot last built or confirmed, without reading the stored revision: for a computation whose
    /// transaction compares <see cref="CalendarSnapshot.Revision"/> with <see cref="RevisionAsync"/> before it
    /// commits (the batched intake, once per batch), so it is never committed from an outdated calendar.
    /// </summary>
    public CalendarSnapshot? Latest => _current;

    /// <summary>The snapshot of the stored revision, read through <paramref name="db"/> (and its transaction, if one is open).</summary>
    public async Task<CalendarSnapshot> CurrentAsync(DossiersDbContext db, CancellationToken cancellationToken)
    {
        var revision = await RevisionAsync(db, cancellationToken);
        if (_current is { } cached && cached.Revision == revision)
        {
            return cached;
        }
        while (true)
        {
            var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
            var official = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(cancellationToken);
            var policies = await db.IntakePolicies.AsNoTracking().ToListAsync(cancellationToken);
            // Read in separate statements: kept only if no edit committed in between (else read again).
            var after = await RevisionAsync(db, cancellationToken);
            var snapshot = new CalendarSnapshot(after,
                new LegalCalendar(days.Select(d => d.ToException()), official),
                policies.ToDictionary(p => p.AgencyCode, p => p.ToDomain(), StringComparer.Ordinal));
            if (after == revision)
            {
                _current = snapshot;
                return snapshot;
            }
            revision = after;
        }
    }

    /// <summary>The stored revision, read through <paramref name="db"/> (and its transaction, if one is open).</summary>
    public static async Task<long> RevisionAsync(DossiersDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long>($"SELECT revision AS \"Value\" FROM calendar_revision").SingleAsync(cancellationToken);
}
