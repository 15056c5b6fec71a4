using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cchc.Dossiers.Tests;

/// <summary>
/// Years without an official schedule count the Labour Code's holidays and say they are provisional.
/// The shipped data confirms 2024–2026; this class confirms only 2030, which no other test here uses.
/// </summary>
public sealed class ProvisionalCalendarTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private readonly WorkingCalendar.WorkingCalendarClient _calendar = new(fixture.CreateChannel());
    private readonly DossierScenario _scenario = new(fixture);

    private static Timestamp Vietnam(int year, int month, int day, int hour, int minute) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)));

    private Task<ComputeAppointmentResponse> Compute(Timestamp receivedAt, int workingDays) =>
        _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = receivedAt,
            AgencyCode = DossierScenario.Agency,
            StatutoryTime = new StatutoryTime { Amount = workingDays.ToString(), Unit = DurationUnit.WorkingDays },
        }).ResponseAsync;

    [Fact]
    public async Task Five_working_days_across_Tet_2027_skip_the_derived_holidays_and_say_provisional()
    {
        // Monday 1/2/2027: Tue 2, Wed 3, Thu 4, then Tết (Fri 5 = 30 Tết, Sat 6 = mùng 1 … Tue 9 = mùng 4,
        // the weekend made up Wed 10 and Thu 11), then Fri 12 and Mon 15.
        var appointment = await Compute(Vietnam(2027, 2, 1, 9, 0), 5);

        Assert.Equal("2027-02-15T17:00:00+07:00", appointment.DueAtLocal);
        Assert.Equal(5, appointment.WorkingDays);
        Assert.True(appointment.Provisional);
        Assert.Equal([2027], appointment.ProvisionalYears);
    }

    [Fact]
    public async Task Thirty_working_days_from_December_2026_cross_into_2027_skip_1_January_and_say_provisional()
    {
        // From Tuesday 1/12/2026: 22 working days to Thursday 31/12, then 8 more in January 2027 without
        // Friday 1/1: Mon 4 … Wed 13/1.
        var appointment = await Compute(Vietnam(2026, 12, 1, 9, 0), 30);

        Assert.Equal("2027-01-13T17:00:00+07:00", appointment.DueAtLocal);
        Assert.True(appointment.Provisional);
        Assert.Equal([2027], appointment.ProvisionalYears);
    }

    [Fact]
    public async Task An_appointment_within_an_official_year_is_not_provisional()
    {
        var appointment = await Compute(Vietnam(2026, 3, 2, 9, 0), 5);

        Assert.False(appointment.Provisional);
        Assert.Empty(appointment.ProvisionalYears);
    }

    [Theory]
    [InlineData(2027, "2027-02-05")]
    [InlineData(2028, "2028-01-25")] // Tết Mậu Thân: mùng 1 is Wednesday 26/01/2028
    [InlineData(2029, "2029-02-12")] // Tết Kỷ Dậu: mùng 1 is Tuesday 13/02/2029
    public async Task The_days_of_a_provisional_year_are_the_Labour_Codes_marked_provisional(int year, string lastDayOfTheLunarYear)
    {
        var answer = await _calendar.ListCalendarDaysAsync(new ListCalendarDaysRequest { Year = year });

        Assert.True(answer.Provisional);
        Assert.Null(answer.OfficialSchedule);
        Assert.Equal(11, answer.Days.Count);
        Assert.All(answer.Days, d => Assert.True(d.Provisional));
        Assert.All(answer.Days, d => Assert.Null(d.UpdateTime));
        Assert.Contains(answer.Days, d => d.Name.Contains("Tết Dương lịch", StringComparison.Ordinal)); // 1/1/2028 is a Saturday: made up on Monday 3/1
        var tet = Assert.Single(answer.Days, d => d.Date == lastDayOfTheLunarYear);
        Assert.StartsWith("Tết Nguyên đán", tet.Name);
        Assert.Contains("chưa có lịch nghỉ chính thức", tet.LegalReference);
        Assert.Equal(answer.Days.Select(d => d.Date).Order(StringComparer.Ordinal), answer.Days.Select(d => d.Date));
    }

    [Fact]
    public async Task An_official_year_lists_only_its_stored_days_and_names_its_confirmation()
    {
        var answer = await _calendar.ListCalendarDaysAsync(new ListCalendarDaysRequest { Year = 2026 });

        Assert.False(answer.Provisional);
        Assert.Equal(2026, answer.OfficialSchedule.Year);
        Assert.Equal(15, answer.Days.Count);
        Assert.All(answer.Days, d => Assert.False(d.Provisional));
    }

    [Fact]
    public async Task Confirming_a_year_replaces_the_derived_days_by_the_stored_ones()
    {
        var tetWeek = Vietnam(2030, 1, 28, 9, 0); // Monday; Tết Canh Tuất is Saturday 2/2/2030
        var before = await Compute(tetWeek, 5);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _calendar.ConfirmCalendarYearAsync(
            new ConfirmCalendarYearRequest { Year = 2030, LegalReference = "Thông báo lịch nghỉ năm 2030 (dữ liệu kiểm thử)" }).ResponseAsync);

        await _calendar.SetCalendarDayAsync(new SetCalendarDayRequest
        {
            Day = new CalendarDay { Date = "2030-01-01", Kind = CalendarDayKind.Holiday, Name = "Tết Dương lịch", LegalReference = "Bộ luật Lao động 2019, Điều 112" },
        });
        var confirmed = await _calendar.ConfirmCalendarYearAsync(
            new ConfirmCalendarYearRequest { Year = 2030, LegalReference = " Thông báo lịch nghỉ năm 2030 (dữ liệu kiểm thử) " });
        var after = await Compute(tetWeek, 5);
        var days = await _calendar.ListCalendarDaysAsync(new ListCalendarDaysRequest { Year = 2030 });

        Assert.True(before.Provisional);
        Assert.Equal("2030-02-11T17:00:00+07:00", before.DueAtLocal); // Tết 1–5/2 (Fri–Tue) and the weekend made up on 6–7/2
        Assert.Equal((2030, "Thông báo lịch nghỉ năm 2030 (dữ liệu kiểm thử)"), (confirmed.Year.Year, confirmed.Year.LegalReference));
        Assert.False(after.Provisional);
        Assert.Equal("2030-02-04T17:00:00+07:00", after.DueAtLocal); // only what is stored counts now
        Assert.False(days.Provisional);
        var only = Assert.Single(days.Days);
        Assert.False(only.Provisional);
    }

    [Fact]
    public async Task A_confirmation_without_a_year_in_range_or_a_legal_reference_is_reported_field_by_field()
    {
        await RpcAssert.InvalidFields(() => _calendar.ConfirmCalendarYearAsync(new ConfirmCalendarYearRequest { Year = 1999, LegalReference = " " }).ResponseAsync,
            "year", "legal_reference");
    }

    [Fact]
    public async Task Confirming_a_year_is_for_administrators()
    {
        var desk = new WorkingCalendar.WorkingCalendarClient(fixture.CreateChannel(DossierScenario.DeskOfficer()));

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => desk.ConfirmCalendarYearAsync(
            new ConfirmCalendarYearRequest { Year = 2029, LegalReference = "x" }).ResponseAsync);
    }

    [Fact]
    public async Task A_dossier_received_in_December_2026_for_thirty_working_days_records_that_its_appointment_is_provisional()
    {
        await _scenario.ProcedureAsync("1.900101", 30);
        _scenario.At(2026, 12, 1, 9, 0);
        var december = await _scenario.ReceiveAsync("1.900101");
        await _scenario.ProcedureAsync("1.900102", 5);
        _scenario.At(2026, 11, 2, 9, 0);
        var november = await _scenario.ReceiveAsync("1.900102");

        var provisional = await _scenario.GetAsync(december.DossierCode);
        var official = await _scenario.GetAsync(november.DossierCode);

        Assert.True(provisional.CalendarProvisional);
        Assert.Equal("2027-01-13T17:00:00+07:00", provisional.DueAtLocal);
        Assert.False(official.CalendarProvisional);
    }
}
