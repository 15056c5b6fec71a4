using System.Globalization;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using DayKind = Cchc.SharedKernel.Calendar.CalendarDayKind;
using DomainIntakePolicy = Cchc.Dossiers.Domain.Calendar.IntakePolicy;
using VietnamTime = Cchc.SharedKernel.Calendar.VietnamTime;

namespace Cchc.Dossiers.Calendar;

public sealed class WorkingCalendarGrpcService(DossiersDbContext db, AppointmentScheduler scheduler) : WorkingCalendar.WorkingCalendarBase
{
    private const string DayResourceType = "cchc.dossiers.v1.CalendarDay";
    private const string ProcedureResourceType = "cchc.dossiers.v1.Procedure";
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm";

    // Keeps date arithmetic far from DateOnly's limits even for the longest statutory time (3650 months).
    private static readonly DateTimeOffset EarliestReceipt = new(2000, 1, 1, 0, 0, 0, VietnamTime.Offset);
    private static readonly DateTimeOffset LatestReceipt = new(2100, 1, 1, 0, 0, 0, VietnamTime.Offset);

    // The schedule of holidays is public law; the portal shows it to anyone.
    [AllowAnonymous]
    public override async Task<ListCalendarDaysResponse> ListCalendarDays(ListCalendarDaysRequest request, ServerCallContext context)
    {
        new Validation().Require(request.Year is >= 1 and <= 9999, "year", "must be a year such as 2026").ThrowIfInvalid();
        var first = new DateOnly(request.Year, 1, 1);
        var last = new DateOnly(request.Year, 12, 31);
        var days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date)
            .ToListAsync(context.CancellationToken);
        var official = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == request.Year, context.CancellationToken);
        var provisional = official is null;
        var answer = days.Select(d => ToContract(d, provisional)).ToList();
        if (provisional && request.Year is >= Domain.Calendar.LegalCalendar.FirstDerivedYear and <= Domain.Calendar.LegalCalendar.LastDerivedYear)
        {
            // The Labour Code's days, where nothing is stored on the same date.
            var stored = days.Select(d => d.Date).ToHashSet();
            answer.AddRange(Domain.Calendar.LegalCalendar.DerivedFor(request.Year).Where(d => !stored.Contains(d.Date)).Select(d => new V1.CalendarDay
            {
                Date = d.Date.ToString(DateFormat, CultureInfo.InvariantCulture),
                Kind = ToContract(d.Kind),
                Name = d.Name,
                LegalReference = d.LegalReference,
                Provisional = true,
            }));
        }
        var response = new ListCalendarDaysResponse { Provisional = provisional, OfficialSchedule = official is null ? null : ToContract(official) };
        response.Days.AddRange(answer.OrderBy(d => d.Date, StringComparer.Ordinal));
        return response;
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<ConfirmCalendarYearResponse> ConfirmCalendarYear(ConfirmCalendarYearRequest request, ServerCallContext context)
    {
        new Validation()
            .Require(request.Year is >= 2000 and <= 2099, "year", "must be a year from 2000 to 2099")
            .RequireText(request.LegalReference, "legal_reference", 500)
            .ThrowIfInvalid();
        var first = new DateOnly(request.Year, 1, 1);
        var last = new DateOnly(request.Year, 12, 31);
        if (!await db.CalendarDays.AnyAsync(d => d.Date >= first && d.Date <= last && d.Kind == DayKind.Holiday, context.CancellationToken))
        {
            // Confirming an empty year would make every weekday a working day, 1/1 and Tết included.
            throw RpcErrors.FailedPrecondition("CALENDAR_YEAR_EMPTY", $"calendar/years/{request.Year}",
                $"No holiday is stored for {request.Year}: enter the official schedule's days (SetCalendarDay) before confirming it.");
        }
        var caller = context.GetCaller();
        var year = await db.CalendarYears.FindAsync([request.Year], context.CancellationToken);
        if (year is null)
        {
            year = new CalendarYear { Year = request.Year, LegalReference = "" };
            db.CalendarYears.Add(year);
        }
        year.LegalReference = request.LegalReference.Trim();
        year.ConfirmedBy = caller.Name.Length > 0 ? caller.Name : caller.Subject;
        year.ConfirmedAt = ServiceClock.System.UtcNow();
        await db.SaveChangesAsync(context.CancellationToken);
        return new ConfirmCalendarYearResponse { Year = ToContract(year) };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<SetCalendarDayResponse> SetCalendarDay(SetCalendarDayRequest request, ServerCallContext context)
    {
        var input = request.Day;
        new Validation().Require(input is not null, "day", "is required").ThrowIfInvalid();
        var validation = new Validation();
        var date = ParseDate(input!.Date, "day.date", validation);
        var kind = ToDomain(input.Kind);
        validation.Require(kind is not null, "day.kind", "must be HOLIDAY, COMPENSATORY, SWAP_OFF or SWAP_WORKDAY");
        if (date is { } d && kind is { } k)
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            validation
                .Require(k != DayKind.SwapWorkday || weekend, "day.kind",
                    $"SWAP_WORKDAY must fall on a Saturday or Sunday; {d:yyyy-MM-dd} is a {d.DayOfWeek}")
                .Require(k == DayKind.SwapWorkday || !weekend, "day.kind",
                    $"a day off must fall on Monday to Friday; {d:yyyy-MM-dd} is a {d.DayOfWeek} (a holiday on a weekend gives a COMPENSATORY weekday)");
        }
        validation
            .RequireText(input.Name, "day.name", 200)
            .RequireText(input.LegalReference, "day.legal_reference", 500)
            .ThrowIfInvalid();

        var day = await db.CalendarDays.FindAsync([date!.Value], context.CancellationToken);
        if (day is null)
        {
            day = new CalendarDay { Date = date.Value, Name = "", LegalReference = "" };
            db.CalendarDays.Add(day);
        }
        day.Kind = kind!.Value;
        day.Name = input.Name.Trim();
        day.LegalReference = input.LegalReference.Trim();
        day.UpdatedAt = ServiceClock.System.UtcNow();
        await db.SaveChangesAsync(context.CancellationToken);
        return new SetCalendarDayResponse { Day = ToContract(day, await IsProvisionalAsync(day.Date.Year, context.CancellationToken)) };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<DeleteCalendarDayResponse> DeleteCalendarDay(DeleteCalendarDayRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var date = ParseDate(request.Date, "date", validation);
        validation.ThrowIfInvalid();

        var day = await db.CalendarDays.FindAsync([date!.Value], context.CancellationToken)
            ?? throw RpcErrors.NotFound(DayResourceType, request.Date);
        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync(context.CancellationToken);
        return new DeleteCalendarDayResponse { Day = ToContract(day, await IsProvisionalAsync(day.Date.Year, context.CancellationToken)) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetIntakePolicyResponse> GetIntakePolicy(GetIntakePolicyRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.AgencyCode, "agency_code", 64).ThrowIfInvalid();
        var stored = await db.IntakePolicies.AsNoTracking()
            .FirstOrDefaultAsync(p => p.AgencyCode == request.AgencyCode, context.CancellationToken);
        return new GetIntakePolicyResponse
        {
            Policy = stored is null ? ToContract(request.AgencyCode, DomainIntakePolicy.Default, updatedAt: null) : ToContract(stored),
        };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<SetIntakePolicyResponse> SetIntakePolicy(SetIntakePolicyRequest request, ServerCallContext context)
    {
        var input = request.Policy;
        new Validation().Require(input is not null, "policy", "is required").ThrowIfInvalid();
        var validation = new Validation().RequireText(input!.AgencyCode, "policy.agency_code", 64);
        var cutoff = ParseTime(input.AfternoonCutoff, "policy.afternoon_cutoff", validation);
        var morningStart = ParseTime(input.MorningStart, "policy.morning_start", validation);
        var morningEnd = ParseTime(input.MorningEnd, "policy.morning_end", validation);
        var afternoonStart = ParseTime(input.AfternoonStart, "policy.afternoon_start", validation);
        var afternoonEnd = ParseTime(input.AfternoonEnd, "policy.afternoon_end", validation);
        Domain.Calendar.AfternoonCutoffScope? scope = input.CutoffScope switch
        {
            AfternoonCutoffScope.Unspecified or AfternoonCutoffScope.SameDayProcedures => Domain.Calendar.AfternoonCutoffScope.SameDayProcedures,
            AfternoonCutoffScope.AllProcedures => Domain.Calendar.AfternoonCutoffScope.AllProcedures,
            _ => null,
        };
        validation.Require(scope is not null, "policy.cutoff_scope", "must be SAME_DAY_PROCEDURES or ALL_PROCEDURES");
        if (cutoff is { } c && morningStart is { } ms && morningEnd is { } me && afternoonStart is { } @as && afternoonEnd is { } ae)
        {
            validation
                .Require(ms < me, "policy.morning_end", "must be after morning_start")
                .Require(me <= @as, "policy.afternoon_start", "must not be before morning_end")
                .Require(@as < ae, "policy.afternoon_end", "must be after afternoon_start")
                .Require(ms < c && c <= ae, "policy.afternoon_cutoff",
                    "must be inside the working day: after morning_start and no later than afternoon_end");
        }
        validation.ThrowIfInvalid();

        var policy = await db.IntakePolicies.FindAsync([input.AgencyCode], context.CancellationToken);
        if (policy is null)
        {
            policy = new AgencyIntakePolicy { AgencyCode = input.AgencyCode };
            db.IntakePolicies.Add(policy);
        }
        policy.AfternoonCutoff = cutoff!.Value;
        policy.MorningStart = morningStart!.Value;
        policy.MorningEnd = morningEnd!.Value;
        policy.AfternoonStart = afternoonStart!.Value;
        policy.AfternoonEnd = afternoonEnd!.Value;
        policy.CutoffScope = scope!.Value;
        policy.UpdatedAt = ServiceClock.System.UtcNow();
        await db.SaveChangesAsync(context.CancellationToken);
        return new SetIntakePolicyResponse { Policy = ToContract(policy) };
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ComputeAppointmentResponse> ComputeAppointment(ComputeAppointmentRequest request, ServerCallContext context)
    {
        var validation = new Validation().RequireText(request.AgencyCode, "agency_code", 64);
        var receivedAt = ParseReceipt(request.ReceivedAt, validation);
        var byProcedure = request.ProcedureCode.Length > 0;
        var byStatutoryTime = request.StatutoryTime is not null;
        decimal amount = 0;
        if (byProcedure == byStatutoryTime)
        {
            var description = byProcedure ? "give procedure_code or statutory_time, not both" : "give either procedure_code or statutory_time";
            validation.Require(false, "procedure_code", description).Require(false, "statutory_time", description);
        }
        else if (byProcedure)
        {
            validation.Require(Procedures.Procedure.IsValidCode(request.ProcedureCode), "procedure_code",
                "must be a national TTHC code: one digit, a dot and six digits, e.g. 2.000815");
        }
        else
        {
            amount = StatutoryTimes.Parse(request.StatutoryTime, "statutory_time", validation);
        }
        validation.ThrowIfInvalid();

        var unit = (StatutoryUnit)(request.StatutoryTime?.Unit ?? V1.DurationUnit.Unspecified);
        var version = 0;
        var cutoff = Domain.Calendar.ProcedureCutoff.AgencyPolicy;
        if (byProcedure)
        {
            var procedure = await db.Procedures.AsNoTracking()
                .Where(p => p.Code == request.ProcedureCode)
                .OrderByDescending(p => p.Version)
                .FirstOrDefaultAsync(context.CancellationToken)
                ?? throw RpcErrors.NotFound(ProcedureResourceType, request.ProcedureCode);
            (amount, unit, version, cutoff) = (procedure.StatutoryAmount, procedure.StatutoryUnit, procedure.Version, procedure.AfternoonCutoff);
        }

        var scheduled = await scheduler.ComputeAsync(
            receivedAt!.Value, request.AgencyCode, StatutoryTimes.ToDuration(amount, unit), cutoff, context.CancellationToken);
        var appointment = scheduled.Appointment;
        return new ComputeAppointmentResponse
        {
            LegalStart = Timestamp.FromDateTimeOffset(VietnamTime.FromLocal(appointment.LegalStart)),
            DueAt = Timestamp.FromDateTimeOffset(VietnamTime.FromLocal(appointment.DueAt)),
            LegalStartLocal = VietnamTime.ToIso(appointment.LegalStart),
            DueAtLocal = VietnamTime.ToIso(appointment.DueAt),
            WorkingDays = scheduled.WorkingDays,
            StatutoryTime = StatutoryTimes.ToContract(amount, unit),
            ProcedureVersion = version,
            Provisional = appointment.Provisional,
            ProvisionalYears = { scheduled.ProvisionalYears },
            AfternoonCutoffApplies = scheduled.CutoffApplies,
        };
    }

    private async Task<bool> IsProvisionalAsync(int year, CancellationToken cancellationToken) =>
        !await db.CalendarYears.AnyAsync(y => y.Year == year, cancellationToken);

    private static DateTimeOffset? ParseReceipt(Timestamp? timestamp, Validation validation)
    {
        if (timestamp is null)
        {
            validation.Require(false, "received_at", "is required");
            return null;
        }
        var valid = timestamp.Nanos is >= 0 and <= 999_999_999
            && timestamp.Seconds >= EarliestReceipt.ToUnixTimeSeconds()
            && timestamp.Seconds < LatestReceipt.ToUnixTimeSeconds();
        validation.Require(valid, "received_at", "must be a time from the year 2000 up to the end of 2099");
        return valid ? timestamp.ToDateTimeOffset() : null;
    }

    private static DateOnly? ParseDate(string value, string field, Validation validation)
    {
        var valid = DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        validation.Require(valid, field, "must be a date \"YYYY-MM-DD\" such as \"2026-11-24\"");
        return valid ? date : null;
    }

    private static TimeOnly? ParseTime(string value, string field, Validation validation)
    {
        var valid = TimeOnly.TryParseExact(value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time);
        validation.Require(valid, field, "must be a time \"HH:mm\" such as \"07:30\"");
        return valid ? time : null;
    }

    private static string FormatTime(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DayKind? ToDomain(V1.CalendarDayKind kind) => kind switch
    {
        V1.CalendarDayKind.Holiday => DayKind.Holiday,
        V1.CalendarDayKind.Compensatory => DayKind.Compensatory,
        V1.CalendarDayKind.SwapOff => DayKind.SwapOff,
        V1.CalendarDayKind.SwapWorkday => DayKind.SwapWorkday,
        _ => null,
    };

    private static V1.CalendarDayKind ToContract(DayKind kind) => kind switch
    {
        DayKind.Holiday => V1.CalendarDayKind.Holiday,
        DayKind.Compensatory => V1.CalendarDayKind.Compensatory,
        DayKind.SwapOff => V1.CalendarDayKind.SwapOff,
        DayKind.SwapWorkday => V1.CalendarDayKind.SwapWorkday,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown calendar day kind."),
    };

    private static V1.CalendarDay ToContract(CalendarDay day, bool provisional) => new()
    {
        Date = day.Date.ToString(DateFormat, CultureInfo.InvariantCulture),
        Kind = ToContract(day.Kind),
        Name = day.Name,
        LegalReference = day.LegalReference,
        UpdateTime = Timestamp.FromDateTimeOffset(day.UpdatedAt),
        Provisional = provisional,
    };

    private static V1.CalendarYear ToContract(CalendarYear year) => new()
    {
        Year = year.Year,
        LegalReference = year.LegalReference,
        ConfirmedBy = year.ConfirmedBy,
        ConfirmTime = Timestamp.FromDateTimeOffset(year.ConfirmedAt),
    };

    private static V1.IntakePolicy ToContract(AgencyIntakePolicy stored) =>
        ToContract(stored.AgencyCode, stored.ToDomain(), stored.UpdatedAt);

    private static V1.IntakePolicy ToContract(string agencyCode, DomainIntakePolicy policy, DateTimeOffset? updatedAt) => new()
    {
        AgencyCode = agencyCode,
        AfternoonCutoff = FormatTime(policy.AfternoonCutoff),
        MorningStart = FormatTime(policy.Hours.MorningStart),
        MorningEnd = FormatTime(policy.Hours.MorningEnd),
        AfternoonStart = FormatTime(policy.Hours.AfternoonStart),
        AfternoonEnd = FormatTime(policy.Hours.AfternoonEnd),
        IsDefault = updatedAt is null,
        CutoffScope = policy.CutoffScope == Domain.Calendar.AfternoonCutoffScope.AllProcedures
            ? AfternoonCutoffScope.AllProcedures
            : AfternoonCutoffScope.SameDayProcedures,
        UpdateTime = updatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };
}
