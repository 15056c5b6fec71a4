using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Calendar;

/// <summary>An appointment with the working days it spans after the legal start's day, and the provisional years it was counted over.</summary>
public sealed record ScheduledAppointment(Appointment Appointment, int WorkingDays, IReadOnlyList<int> ProvisionalYears, bool CutoffApplies);

/// <summary>
/// Computes appointments on the calendar and intake policies as they are stored right now, so an
/// edit through the API applies to the very next computation.
/// </summary>
public sealed class AppointmentScheduler(DossiersDbContext db)
{
    public async Task<ScheduledAppointment> ComputeAsync(
        DateTimeOffset receivedAt, string agencyCode, StatutoryDuration duration, ProcedureCutoff cutoff, CancellationToken cancellationToken)
    {
        var calendar = await CurrentCalendarAsync(cancellationToken);
        var policy = await PolicyForAsync(agencyCode, cancellationToken);
        var appointment = new AppointmentCalculator(calendar).Compute(VietnamTime.ToLocal(receivedAt), duration, policy, cutoff);
        var workingDays = calendar.Days.CountWorkingDays(
            DateOnly.FromDateTime(appointment.LegalStart), DateOnly.FromDateTime(appointment.DueAt));
        var provisionalYears = Enumerable.Range(appointment.ReceivedAt.Year, appointment.DueAt.Year - appointment.ReceivedAt.Year + 1)
            .Where(y => !calendar.OfficialYears.Contains(y)).ToList();
        return new ScheduledAppointment(appointment, workingDays, provisionalYears, policy.CutoffAppliesTo(duration, cutoff));
    }

    // A few hundred rows at most: reading them on every call is cheaper than getting a cache invalidation wrong.
    // The derived holidays of the provisional years are computed once per process and merged in.
    public async Task<LegalCalendar> CurrentCalendarAsync(CancellationToken cancellationToken)
    {
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        var official = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(cancellationToken);
        return new LegalCalendar(days.Select(d => d.ToException()), official);
    }

    public async Task<IntakePolicy> PolicyForAsync(string agencyCode, CancellationToken cancellationToken)
    {
        var stored = await db.IntakePolicies.AsNoTracking()
            .FirstOrDefaultAsync(p => p.AgencyCode == agencyCode, cancellationToken);
        return stored?.ToDomain() ?? IntakePolicy.Default;
    }
}
