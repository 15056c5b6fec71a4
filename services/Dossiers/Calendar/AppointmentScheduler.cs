using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.ServiceDefaults.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Calendar;

/// <summary>An appointment with the working days it spans after the legal start's day.</summary>
public sealed record ScheduledAppointment(Appointment Appointment, int WorkingDays);

/// <summary>
/// Computes appointments on the calendar and intake policies as they are stored right now, so an
/// edit through the API applies to the very next computation.
/// </summary>
public sealed class AppointmentScheduler(DossiersDbContext db)
{
    public async Task<ScheduledAppointment> ComputeAsync(
        DateTimeOffset receivedAt, string agencyCode, StatutoryDuration duration, CancellationToken cancellationToken)
    {
        var calendar = await CurrentCalendarAsync(cancellationToken);
        var policy = await PolicyForAsync(agencyCode, cancellationToken);
        var appointment = new AppointmentCalculator(calendar).Compute(VietnamTime.ToLocal(receivedAt), duration, policy);
        var workingDays = calendar.CountWorkingDays(
            DateOnly.FromDateTime(appointment.LegalStart), DateOnly.FromDateTime(appointment.DueAt));
        return new ScheduledAppointment(appointment, workingDays);
    }

    // A few hundred rows at most: reading them on every call is cheaper than getting a cache invalidation wrong.
    public async Task<WorkingCalendar> CurrentCalendarAsync(CancellationToken cancellationToken)
    {
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        return new WorkingCalendar(days.Select(d => d.ToException()));
    }

    public async Task<IntakePolicy> PolicyForAsync(string agencyCode, CancellationToken cancellationToken)
    {
        var stored = await db.IntakePolicies.AsNoTracking()
            .FirstOrDefaultAsync(p => p.AgencyCode == agencyCode, cancellationToken);
        return stored?.ToDomain() ?? IntakePolicy.Default;
    }
}
