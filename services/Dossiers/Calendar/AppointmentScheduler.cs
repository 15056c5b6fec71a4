using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.SharedKernel.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Calendar;

/// <summary>An appointment with the working days it spans after the legal start's day, and the provisional years it was counted over.</summary>
public sealed record ScheduledAppointment(Appointment Appointment, int WorkingDays, IReadOnlyList<int> ProvisionalYears, bool CutoffApplies);

/// <summary>
/// Computes appointments on the calendar and intake policies as they are stored right now, so an
/// edit through the API applies to the very next computation (<see cref="CalendarSnapshots"/>).
/// </summary>
public sealed class AppointmentScheduler(DossiersDbContext db, CalendarSnapshots snapshots)
{
    public async Task<ScheduledAppointment> ComputeAsync(
        DateTimeOffset receivedAt, string agencyCode, StatutoryDuration duration, ProcedureCutoff cutoff, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var calendar = snapshot.Calendar;
        var policy = snapshot.PolicyFor(agencyCode);
        var appointment = new AppointmentCalculator(calendar).Compute(VietnamTime.ToLocal(receivedAt), duration, policy, cutoff);
        var workingDays = calendar.Days.CountWorkingDays(
            DateOnly.FromDateTime(appointment.LegalStart), DateOnly.FromDateTime(appointment.DueAt));
        var provisionalYears = Enumerable.Range(appointment.ReceivedAt.Year, appointment.DueAt.Year - appointment.ReceivedAt.Year + 1)
            .Where(y => !calendar.OfficialYears.Contains(y)).ToList();
        return new ScheduledAppointment(appointment, workingDays, provisionalYears, policy.CutoffAppliesTo(duration, cutoff));
    }

    /// <summary>The calendar and every agency's policy as stored right now.</summary>
    public Task<CalendarSnapshot> SnapshotAsync(CancellationToken cancellationToken) => snapshots.CurrentAsync(db, cancellationToken);
}
