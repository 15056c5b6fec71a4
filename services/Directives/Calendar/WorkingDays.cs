using Cchc.Directives.Data;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Directives.Calendar;

/// <summary>
/// The working calendar as the copy from Dossiers stands right now. Years the copy does not cover
/// have only weekends off, exactly as in Dossiers for a year without rows.
/// </summary>
public sealed class WorkingDays(DirectivesDbContext db)
{
    // A few hundred rows at most: reading them per call is cheaper than getting a cache invalidation wrong (as Dossiers does).
    public async Task<WorkingCalendar> CurrentAsync(CancellationToken cancellationToken)
    {
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        return new WorkingCalendar(days.Select(d => d.ToException()));
    }
}
