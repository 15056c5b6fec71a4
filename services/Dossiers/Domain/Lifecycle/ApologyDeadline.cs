using Cchc.Dossiers.Domain.Calendar;
using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Domain.Lifecycle;

/// <summary>
/// By when an apology letter must reach the applicant: by the end of the working day
/// <c>workingDaysBefore</c> working days before the appointment's day ("trước 1 ngày hết hạn"
/// under Nghị định 61/2018), or by the appointment itself when that is 0.
/// </summary>
public static class ApologyDeadline
{
    public static DateTime LatestIssue(DateTime dueAtLocal, int workingDaysBefore, WorkingCalendar calendar, WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentOutOfRangeException.ThrowIfNegative(workingDaysBefore);

        return workingDaysBefore == 0
            ? dueAtLocal
            : calendar.SubtractWorkingDays(DateOnly.FromDateTime(dueAtLocal), workingDaysBefore).ToDateTime(hours.AfternoonEnd);
    }
}
