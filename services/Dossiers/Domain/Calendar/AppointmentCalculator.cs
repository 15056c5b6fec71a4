using Cchc.SharedKernel.Calendar;

namespace Cchc.Dossiers.Domain.Calendar;

/// <summary>
/// Computes the legal start and the appointment (ngày hẹn trả kết quả) of a dossier.
/// All values are local Vietnam time (UTC+7, no daylight saving); callers convert at the boundary.
/// </summary>
public sealed class AppointmentCalculator
{
    private readonly WorkingCalendar _calendar;
    private readonly LegalCalendar? _legal;

    /// <summary>On a bare working calendar: no year is provisional.</summary>
    public AppointmentCalculator(WorkingCalendar calendar)
    {
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
    }

    /// <summary>On the legal calendar: appointments that count over a provisional year say so.</summary>
    public AppointmentCalculator(LegalCalendar calendar)
        : this((calendar ?? throw new ArgumentNullException(nameof(calendar))).Days)
    {
        _legal = calendar;
    }

    /// <summary>Whether a count from <paramref name="fromLocal"/> to <paramref name="toLocal"/> crosses a day of a year without an official schedule.</summary>
    public bool IsProvisional(DateTime fromLocal, DateTime toLocal) =>
        _legal?.IsProvisional(DateOnly.FromDateTime(fromLocal), DateOnly.FromDateTime(toLocal)) ?? false;

    /// <summary>
    /// The legal start and the appointment of a dossier received at <paramref name="receivedAtLocal"/>.
    /// A receipt outside working hours or on a day off counts from the next working day's start; a receipt
    /// after the afternoon cut-off does so too when the cut-off applies to the procedure
    /// (<see cref="IntakePolicy.CutoffAppliesTo"/>: by default same-day procedures only), otherwise it counts from the receipt.
    /// </summary>
    public Appointment Compute(DateTime receivedAtLocal, StatutoryDuration duration, IntakePolicy policy,
        ProcedureCutoff cutoff = ProcedureCutoff.AgencyPolicy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        EnsureLocal(receivedAtLocal, nameof(receivedAtLocal));

        var hours = policy.Hours;
        var legalStart = LegalStart(receivedAtLocal, policy, policy.CutoffAppliesTo(duration, cutoff));
        var startDate = DateOnly.FromDateTime(legalStart);

        var dueAt = duration.Unit switch
        {
            DurationUnit.WorkingDays => At(_calendar.AddWorkingDays(startDate, (int)duration.Amount), hours.AfternoonEnd),
            DurationUnit.WorkingHours => AddWorkingTime(legalStart, HoursToTimeSpan(duration.Amount), hours),
            DurationUnit.CalendarDays => At(OnOrAfterRestDays(startDate.AddDays((int)duration.Amount)), hours.AfternoonEnd),
            DurationUnit.Months => At(OnOrAfterRestDays(startDate.AddMonths((int)duration.Amount)), hours.AfternoonEnd),
            _ => throw new ArgumentOutOfRangeException(nameof(duration), duration.Unit, "Unknown duration unit."),
        };

        return new Appointment(receivedAtLocal, legalStart, dueAt, IsProvisional(receivedAtLocal, dueAt));
    }

    /// <summary>Moves the appointment later by the working time the dossier spent waiting for a supplement.</summary>
    public DateTime ShiftForPause(DateTime dueAt, DateTime pausedAt, DateTime resumedAt, IntakePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        EnsureLocal(dueAt, nameof(dueAt));
        EnsureLocal(pausedAt, nameof(pausedAt));
        EnsureLocal(resumedAt, nameof(resumedAt));
        if (resumedAt < pausedAt)
        {
            throw new ArgumentException(
                $"Resumed at {resumedAt:yyyy-MM-dd HH:mm} is before paused at {pausedAt:yyyy-MM-dd HH:mm}.", nameof(resumedAt));
        }

        // Indicator 2.1 of Quyết định 766/QĐ-TTg excludes the time a dossier waits for the citizen's supplement
        // from the processing time, so the deadline moves by exactly the working time lost while paused,
        // measured in whole minutes like the process-control sheet.
        var paused = WorkingTimeBetween(pausedAt, resumedAt, policy.Hours);
        var pausedWholeMinutes = TimeSpan.FromMinutes(Math.Floor(paused.TotalMinutes));

        return pausedWholeMinutes == TimeSpan.Zero ? dueAt : AddWorkingTime(dueAt, pausedWholeMinutes, policy.Hours);
    }

    /// <summary>Working time (inside sessions on working days) in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTime from, DateTime to, WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(from); date <= DateOnly.FromDateTime(to); date = date.AddDays(1))
        {
            if (!_calendar.IsWorkingDay(date))
            {
                continue;
            }

            total += Overlap(from, to, At(date, hours.MorningStart), At(date, hours.MorningEnd));
            total += Overlap(from, to, At(date, hours.AfternoonStart), At(date, hours.AfternoonEnd));
        }

        return total;
    }

    /// <summary>The instant reached after consuming <paramref name="amount"/> of working time from <paramref name="start"/>.</summary>
    public DateTime AddWorkingTime(DateTime start, TimeSpan amount, WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        if (amount == TimeSpan.Zero)
        {
            return start;
        }

        var remaining = amount;
        var date = DateOnly.FromDateTime(start);
        var cursor = TimeOnly.FromDateTime(start);
        if (!_calendar.IsWorkingDay(date))
        {
            date = _calendar.NextWorkingDay(date);
            cursor = hours.MorningStart;
        }

        while (true)
        {
            // Ending exactly at a session end keeps the deadline at 11:30 or 17:00
            // rather than rolling it to the start of the next session.
            if (TryConsume(ref remaining, cursor, hours.MorningStart, hours.MorningEnd, out var end) ||
                TryConsume(ref remaining, cursor, hours.AfternoonStart, hours.AfternoonEnd, out end))
            {
                return At(date, end);
            }

            date = _calendar.NextWorkingDay(date);
            cursor = hours.MorningStart;
        }
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => _calendar.NextWorkingDay(date);

    private DateTime LegalStart(DateTime receivedAt, IntakePolicy policy, bool cutoffApplies)
    {
        var hours = policy.Hours;
        var date = DateOnly.FromDateTime(receivedAt);
        var time = TimeOnly.FromDateTime(receivedAt);

        var countsToday = _calendar.IsWorkingDay(date) && (!cutoffApplies || time < policy.AfternoonCutoff) && !hours.IsAtOrAfterEnd(time);
        if (!countsToday)
        {
            return At(_calendar.NextWorkingDay(date), hours.MorningStart);
        }

        return hours.IsBeforeStart(time) ? At(date, hours.MorningStart) : receivedAt;
    }

    // Bộ luật Dân sự 2015, Điều 148: a period whose last day is a rest day ends on the next working day.
    private DateOnly OnOrAfterRestDays(DateOnly date) =>
        _calendar.IsWorkingDay(date) ? date : _calendar.NextWorkingDay(date);

    private static bool TryConsume(ref TimeSpan remaining, TimeOnly cursor, TimeOnly sessionStart, TimeOnly sessionEnd, out TimeOnly end)
    {
        end = default;
        var from = cursor > sessionStart ? cursor : sessionStart;
        if (from >= sessionEnd)
        {
            return false;
        }

        var available = sessionEnd - from;
        if (remaining <= available)
        {
            end = from.Add(remaining);
            return true;
        }

        remaining -= available;
        return false;
    }

    private static TimeSpan Overlap(DateTime from, DateTime to, DateTime sessionStart, DateTime sessionEnd)
    {
        var start = from > sessionStart ? from : sessionStart;
        var end = to < sessionEnd ? to : sessionEnd;
        return end > start ? end - start : TimeSpan.Zero;
    }

    private static TimeSpan HoursToTimeSpan(decimal hours) =>
        TimeSpan.FromTicks((long)decimal.Round(hours * TimeSpan.TicksPerHour));

    private static DateTime At(DateOnly date, TimeOnly time) => date.ToDateTime(time, DateTimeKind.Unspecified);

    private static void EnsureLocal(DateTime value, string parameterName)
    {
        if (value.Kind == DateTimeKind.Utc)
        {
            throw new ArgumentException("Expected local Vietnam time (UTC+7); convert UTC values before calling.", parameterName);
        }
    }
}
