using Cchc.Dossiers.V1;
using Cchc.Testing;

namespace Cchc.Dossiers.Tests;

/// <summary>Confirming a year's official schedule recomputes nothing already given; its own database, since it confirms 2029.</summary>
public sealed class CalendarConfirmationTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private readonly DossierScenario _scenario = new(fixture);
    private readonly WorkingCalendar.WorkingCalendarClient _calendar = new(fixture.CreateChannel());

    [Fact]
    public async Task A_dossier_received_over_a_provisional_year_keeps_its_dates_and_its_flag_once_the_year_is_confirmed()
    {
        await _scenario.ProcedureAsync("1.920001", 30);
        // From Friday 1/12/2028: 20 working days to Friday 29/12, then January 2029 without Monday 1/1:
        // Tue 2 … Mon 15/1/2029 is the 30th.
        _scenario.At(2028, 12, 1, 9, 0);
        var receipt = await _scenario.ReceiveAsync("1.920001");
        var before = await _scenario.GetAsync(receipt.DossierCode);

        // The official schedule for 2029, as it might be decided: 1/1 and a swapped Tuesday 2/1.
        await _calendar.SetCalendarDayAsync(new SetCalendarDayRequest
        {
            Day = new CalendarDay { Date = "2029-01-01", Kind = CalendarDayKind.Holiday, Name = "Tết Dương lịch", LegalReference = "Bộ luật Lao động 2019, Điều 112" },
        });
        await _calendar.SetCalendarDayAsync(new SetCalendarDayRequest
        {
            Day = new CalendarDay { Date = "2029-01-02", Kind = CalendarDayKind.SwapOff, Name = "Nghỉ hoán đổi (dữ liệu kiểm thử)", LegalReference = "Thông báo lịch nghỉ năm 2029 (dữ liệu kiểm thử)" },
        });
        await _calendar.ConfirmCalendarYearAsync(new ConfirmCalendarYearRequest { Year = 2029, LegalReference = "Thông báo lịch nghỉ năm 2029 (dữ liệu kiểm thử)" });
        var after = await _scenario.GetAsync(receipt.DossierCode);
        var today = await _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = before.ReceivedAt, AgencyCode = DossierScenario.Agency, ProcedureCode = "1.920001",
        });

        Assert.True(before.CalendarProvisional);
        Assert.Equal("2029-01-15T17:00:00+07:00", before.DueAtLocal);
        Assert.Equal((before.DueAt, before.LegalDueAt, before.DueAtLocal), (after.DueAt, after.LegalDueAt, after.DueAtLocal));
        Assert.True(after.CalendarProvisional);
        // The same receipt today counts on the confirmed schedule of 2029, one working day later; only 2028 is still provisional.
        Assert.Equal("2029-01-16T17:00:00+07:00", today.DueAtLocal);
        Assert.Equal([2028], today.ProvisionalYears);
    }
}
