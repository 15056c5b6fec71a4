using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.Domain.Calendar;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ContractDayKind = Cchc.Dossiers.V1.CalendarDayKind;
using DomainDayKind = Cchc.SharedKernel.Calendar.CalendarDayKind;
using DurationUnit = Cchc.Dossiers.V1.DurationUnit;
using StoredProcedure = Cchc.Dossiers.Procedures.Procedure;
using StoredUnit = Cchc.Dossiers.Procedures.StatutoryUnit;
using WorkingCalendar = Cchc.Dossiers.V1.WorkingCalendar;

namespace Cchc.Dossiers.Tests;

/// <summary>Appointments on the calendar as shipped; nothing here edits the calendar days.</summary>
public sealed class CalendarAppointmentTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private const string Agency = "QT.SKHCN";

    private readonly WorkingCalendar.WorkingCalendarClient _calendar = new(fixture.CreateChannel());

    /// <summary>A wall-clock time in Vietnam (UTC+07:00).</summary>
    private static Timestamp Vietnam(int year, int month, int day, int hour, int minute) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)));

    private static StatutoryTime WorkingDays(int days) => new() { Amount = days.ToString(), Unit = DurationUnit.WorkingDays };

    private Task<ComputeAppointmentResponse> Compute(Timestamp receivedAt, StatutoryTime time, string agency = Agency) =>
        _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest { ReceivedAt = receivedAt, AgencyCode = agency, StatutoryTime = time }).ResponseAsync;

    [Fact]
    public async Task Five_working_days_from_Friday_13_February_2026_at_10_00_are_due_after_Tet_on_Friday_27_February_at_17_00()
    {
        var appointment = await Compute(Vietnam(2026, 2, 13, 10, 0), WorkingDays(5));

        Assert.Equal("2026-02-13T10:00:00+07:00", appointment.LegalStartLocal);
        Assert.Equal("2026-02-27T17:00:00+07:00", appointment.DueAtLocal);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 10, 0, 0, TimeSpan.Zero), appointment.DueAt.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 2, 13, 3, 0, 0, TimeSpan.Zero), appointment.LegalStart.ToDateTimeOffset());
        Assert.Equal(5, appointment.WorkingDays);
    }

    [Fact]
    public async Task A_receipt_at_16_00_on_the_last_day_before_Tet_counts_from_the_receipt_and_one_working_day_is_due_on_Monday_23_February()
    {
        // The afternoon cut-off is for same-day procedures (docs/calendar.md).
        var appointment = await Compute(Vietnam(2026, 2, 13, 16, 0), WorkingDays(1));

        Assert.Equal("2026-02-13T16:00:00+07:00", appointment.LegalStartLocal);
        Assert.Equal("2026-02-23T17:00:00+07:00", appointment.DueAtLocal);
        Assert.Equal(1, appointment.WorkingDays);
        Assert.False(appointment.AfternoonCutoffApplies);
    }

    [Fact]
    public async Task The_swapped_Saturday_10_January_2026_counts_as_a_working_day()
    {
        var fromFriday = await Compute(Vietnam(2026, 1, 9, 10, 0), WorkingDays(1));
        var onSaturday = await Compute(Vietnam(2026, 1, 10, 9, 0), WorkingDays(1));

        Assert.Equal("2026-01-10T17:00:00+07:00", fromFriday.DueAtLocal);
        Assert.Equal("2026-01-10T09:00:00+07:00", onSaturday.LegalStartLocal);
        Assert.Equal("2026-01-12T17:00:00+07:00", onSaturday.DueAtLocal);
    }

    [Fact]
    public async Task A_procedure_code_applies_the_statutory_time_of_the_latest_catalogue_version()
    {
        var catalog = new ProcedureCatalog.ProcedureCatalogClient(fixture.CreateChannel());
        await catalog.CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = new V1.Procedure
            {
                Code = "9.200001",
                Name = "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
                Field = "Hoạt động khoa học và công nghệ",
                AgencyCode = Agency,
                StatutoryTime = WorkingDays(5),
                OnlineLevel = OnlineLevel.Full,
            },
        });
        // An amendment: the catalogue has no RPC for new versions yet, so version 2 is written directly.
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            db.Procedures.Add(new StoredProcedure
            {
                Code = "9.200001",
                Version = 2,
                Name = "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
                Field = "Hoạt động khoa học và công nghệ",
                AgencyCode = Agency,
                StatutoryAmount = 2,
                StatutoryUnit = StoredUnit.WorkingDays,
            });
            await db.SaveChangesAsync();
        }

        var appointment = await _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = Vietnam(2026, 3, 9, 10, 0),
            AgencyCode = Agency,
            ProcedureCode = "9.200001",
        });

        Assert.Equal("2026-03-11T17:00:00+07:00", appointment.DueAtLocal);
        Assert.Equal(2, appointment.ProcedureVersion);
        Assert.Equal("2", appointment.StatutoryTime.Amount);
        Assert.Equal(DurationUnit.WorkingDays, appointment.StatutoryTime.Unit);
    }

    [Fact]
    public async Task Working_hours_stop_at_the_lunch_break_and_resume_at_13_30()
    {
        var appointment = await Compute(Vietnam(2026, 3, 10, 10, 0), new StatutoryTime { Amount = "4.5", Unit = DurationUnit.WorkingHours });

        Assert.Equal("2026-03-10T16:30:00+07:00", appointment.DueAtLocal);
        Assert.Equal(0, appointment.WorkingDays);
    }

    [Fact]
    public async Task An_agency_with_a_16_00_cut_off_counts_a_15_30_receipt_from_the_same_day_while_an_agency_on_the_default_does_not()
    {
        await _calendar.SetIntakePolicyAsync(new SetIntakePolicyRequest
        {
            Policy = new V1.IntakePolicy
            {
                AgencyCode = "QT.TTPVHCC",
                AfternoonCutoff = "16:00",
                MorningStart = "07:30",
                MorningEnd = "11:30",
                AfternoonStart = "13:30",
                AfternoonEnd = "17:00",
            },
        });

        // A same-day procedure (0 working days), the one the cut-off applies to by default.
        var late = await Compute(Vietnam(2026, 3, 11, 15, 30), WorkingDays(0), "QT.TTPVHCC");
        var onDefault = await Compute(Vietnam(2026, 3, 11, 15, 30), WorkingDays(0), "QT.SXD");

        Assert.Equal("2026-03-11T15:30:00+07:00", late.LegalStartLocal);
        Assert.Equal("2026-03-11T17:00:00+07:00", late.DueAtLocal);
        Assert.Equal("2026-03-12T07:30:00+07:00", onDefault.LegalStartLocal);
        Assert.Equal("2026-03-12T17:00:00+07:00", onDefault.DueAtLocal);
        Assert.True(onDefault.AfternoonCutoffApplies);
    }

    [Fact]
    public async Task An_agency_without_a_stored_policy_reads_the_default_cut_off_and_working_hours()
    {
        var policy = (await _calendar.GetIntakePolicyAsync(new GetIntakePolicyRequest { AgencyCode = "QT.SYT" })).Policy;

        Assert.True(policy.IsDefault);
        Assert.Equal("QT.SYT", policy.AgencyCode);
        Assert.Equal(["15:00", "07:30", "11:30", "13:30", "17:00"],
            new[] { policy.AfternoonCutoff, policy.MorningStart, policy.MorningEnd, policy.AfternoonStart, policy.AfternoonEnd });
        Assert.Null(policy.UpdateTime);
    }

    [Fact]
    public async Task A_stored_policy_is_read_back_with_its_own_hours()
    {
        await _calendar.SetIntakePolicyAsync(new SetIntakePolicyRequest
        {
            Policy = new V1.IntakePolicy
            {
                AgencyCode = "QT.STP",
                AfternoonCutoff = "16:30",
                MorningStart = "07:00",
                MorningEnd = "11:00",
                AfternoonStart = "13:00",
                AfternoonEnd = "16:30",
            },
        });

        var policy = (await _calendar.GetIntakePolicyAsync(new GetIntakePolicyRequest { AgencyCode = "QT.STP" })).Policy;

        Assert.False(policy.IsDefault);
        Assert.Equal(["16:30", "07:00", "11:00", "13:00", "16:30"],
            new[] { policy.AfternoonCutoff, policy.MorningStart, policy.MorningEnd, policy.AfternoonStart, policy.AfternoonEnd });
        Assert.NotNull(policy.UpdateTime);
    }

    [Fact]
    public async Task Intake_times_that_are_not_HH_mm_are_reported_field_by_field()
    {
        var policy = new V1.IntakePolicy
        {
            AgencyCode = "",
            AfternoonCutoff = "3pm",
            MorningStart = "7:30",
            MorningEnd = "11:30",
            AfternoonStart = "13:30",
            AfternoonEnd = "24:00",
        };

        await RpcAssert.InvalidFields(() => _calendar.SetIntakePolicyAsync(new SetIntakePolicyRequest { Policy = policy }).ResponseAsync,
            "policy.agency_code", "policy.afternoon_cutoff", "policy.morning_start", "policy.afternoon_end");
    }

    [Fact]
    public async Task Sessions_out_of_order_and_a_cut_off_after_closing_are_reported_field_by_field()
    {
        var policy = new V1.IntakePolicy
        {
            AgencyCode = "QT.SNV",
            AfternoonCutoff = "17:30",
            MorningStart = "08:00",
            MorningEnd = "07:30",
            AfternoonStart = "14:00",
            AfternoonEnd = "13:30",
        };

        await RpcAssert.InvalidFields(() => _calendar.SetIntakePolicyAsync(new SetIntakePolicyRequest { Policy = policy }).ResponseAsync,
            "policy.morning_end", "policy.afternoon_end", "policy.afternoon_cutoff");
    }

    [Fact]
    public async Task A_request_without_receipt_agency_or_any_statutory_time_names_every_missing_field()
    {
        await RpcAssert.InvalidFields(() => _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest()).ResponseAsync,
            "received_at", "agency_code", "procedure_code", "statutory_time");
    }

    [Fact]
    public async Task Giving_both_a_procedure_code_and_a_statutory_time_is_refused()
    {
        var request = new ComputeAppointmentRequest
        {
            ReceivedAt = Vietnam(2026, 3, 9, 10, 0),
            AgencyCode = Agency,
            ProcedureCode = "9.200001",
            StatutoryTime = WorkingDays(3),
        };

        var violations = await RpcAssert.InvalidFields(() => _calendar.ComputeAppointmentAsync(request).ResponseAsync,
            "procedure_code", "statutory_time");

        Assert.All(violations.FieldViolations, v => Assert.Contains("not both", v.Description));
    }

    [Fact]
    public async Task An_explicit_statutory_time_is_validated_like_the_catalogue_validates_it()
    {
        await RpcAssert.InvalidFields(() => Compute(Vietnam(2026, 3, 9, 10, 0), new StatutoryTime { Amount = "2.5", Unit = DurationUnit.WorkingDays }),
            "statutory_time.amount");
        await RpcAssert.InvalidFields(() => Compute(Vietnam(2026, 3, 9, 10, 0), new StatutoryTime { Amount = "2" }),
            "statutory_time.unit");
    }

    [Fact]
    public async Task An_unknown_procedure_is_NOT_FOUND_and_names_the_code()
    {
        var status = await RpcAssert.FailsWith(StatusCode.NotFound, () => _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = Vietnam(2026, 3, 9, 10, 0),
            AgencyCode = Agency,
            ProcedureCode = "9.999998",
        }).ResponseAsync);

        Assert.Equal("9.999998", status.GetDetail<ResourceInfo>()?.ResourceName);
    }

    [Fact]
    public async Task The_shipped_calendar_of_2024_to_2026_is_exactly_the_official_schedule()
    {
        var shipped = new List<V1.CalendarDay>();
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            shipped.AddRange((await _calendar.ListCalendarDaysAsync(new ListCalendarDaysRequest { Year = year })).Days);
        }

        var expected = OfficialSchedules.Vietnam2024_2026
            .OrderBy(e => e.Date)
            .Select(e => (e.Date.ToString("yyyy-MM-dd"), ToContract(e.Kind), e.Name, e.LegalReference));
        Assert.Equal(expected, shipped.Select(d => (d.Date, d.Kind, d.Name, d.LegalReference)));
    }

    [Fact]
    public async Task The_days_of_2026_include_Tet_Binh_Ngo_with_its_legal_reference()
    {
        var days = (await _calendar.ListCalendarDaysAsync(new ListCalendarDaysRequest { Year = 2026 })).Days;

        var tet = days.Where(d => d.Name == "Tết Nguyên đán Bính Ngọ").ToList();
        Assert.Equal(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"], tet.Select(d => d.Date));
        Assert.All(tet, d =>
        {
            Assert.Equal(ContractDayKind.Holiday, d.Kind);
            Assert.Equal("Bộ luật Lao động 2019, Điều 112; Thông báo nghỉ Tết Âm lịch 2026 (Thủ tướng phê duyệt ngày 13/10/2025)", d.LegalReference);
        });
        Assert.Contains(days, d => d.Date == "2026-01-10" && d.Kind == ContractDayKind.SwapWorkday);
        Assert.All(days, d => Assert.StartsWith("2026-", d.Date));
    }

    [Fact]
    public async Task The_REST_appointment_is_the_same_as_the_gRPC_one()
    {
        var grpc = await Compute(Vietnam(2026, 2, 13, 16, 0), WorkingDays(3));
        using var http = fixture.CreateRestClient();

        var response = await http.PostAsJsonAsync("/dossiers/v1/calendar:computeAppointment", new
        {
            receivedAt = "2026-02-13T09:00:00Z",
            agencyCode = Agency,
            statutoryTime = new { amount = "3", unit = "DURATION_UNIT_WORKING_DAYS" },
        });
        response.EnsureSuccessStatusCode();
        var rest = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(grpc.LegalStart.ToDateTimeOffset(), DateTimeOffset.Parse(rest.GetProperty("legalStart").GetString()!));
        Assert.Equal(grpc.DueAt.ToDateTimeOffset(), DateTimeOffset.Parse(rest.GetProperty("dueAt").GetString()!));
        Assert.Equal(grpc.LegalStartLocal, rest.GetProperty("legalStartLocal").GetString());
        Assert.Equal(grpc.DueAtLocal, rest.GetProperty("dueAtLocal").GetString());
        Assert.Equal(grpc.WorkingDays, rest.GetProperty("workingDays").GetInt32());
        Assert.Equal("2026-02-25T17:00:00+07:00", grpc.DueAtLocal);
    }

    private static ContractDayKind ToContract(DomainDayKind kind) => kind switch
    {
        DomainDayKind.Holiday => ContractDayKind.Holiday,
        DomainDayKind.Compensatory => ContractDayKind.Compensatory,
        DomainDayKind.SwapOff => ContractDayKind.SwapOff,
        DomainDayKind.SwapWorkday => ContractDayKind.SwapWorkday,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
