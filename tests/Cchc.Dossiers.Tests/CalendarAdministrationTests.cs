using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Dossiers.Tests;

/// <summary>Editing the calendar through the API; each test edits its own dates.</summary>
public sealed class CalendarAdministrationTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private readonly WorkingCalendar.WorkingCalendarClient _calendar = new(fixture.CreateChannel());

    private static Timestamp Vietnam(int year, int month, int day, int hour, int minute) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)));

    private async Task<string> DueAtLocal(Timestamp receivedAt, int workingDays) =>
        (await _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = receivedAt,
            AgencyCode = "QT.SVHTTDL",
            StatutoryTime = new StatutoryTime { Amount = workingDays.ToString(), Unit = DurationUnit.WorkingDays },
        })).DueAtLocal;

    private static CalendarDay Day(string date, CalendarDayKind kind, string name = "Ngày Văn hóa Việt Nam") => new()
    {
        Date = date,
        Kind = kind,
        Name = name,
        LegalReference = "Thông báo nghỉ Ngày Văn hóa Việt Nam 24/11/2026 (dữ liệu kiểm thử)",
    };

    [Fact]
    public async Task Adding_24_November_2026_as_a_holiday_moves_an_appointment_spanning_it_by_one_working_day_and_deleting_it_moves_it_back()
    {
        var receivedMonday = Vietnam(2026, 11, 23, 10, 0);
        var before = await DueAtLocal(receivedMonday, 2);

        await _calendar.SetCalendarDayAsync(new SetCalendarDayRequest { Day = Day("2026-11-24", CalendarDayKind.Holiday) });
        var withHoliday = await DueAtLocal(receivedMonday, 2);
        await _calendar.DeleteCalendarDayAsync(new DeleteCalendarDayRequest { Date = "2026-11-24" });
        var afterDeletion = await DueAtLocal(receivedMonday, 2);

        Assert.Equal("2026-11-25T17:00:00+07:00", before);
        Assert.Equal("2026-11-26T17:00:00+07:00", withHoliday);
        Assert.Equal("2026-11-25T17:00:00+07:00", afterDeletion);
    }

    [Fact]
    public async Task Setting_a_date_that_already_has_a_day_replaces_it()
    {
        var renamed = Day("2026-09-02", CalendarDayKind.Holiday, "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam");
        renamed.LegalReference = "Bộ luật Lao động 2019, Điều 112, khoản 1, điểm đ";

        var stored = (await _calendar.SetCalendarDayAsync(new SetCalendarDayRequest { Day = renamed })).Day;
        var days = (await _calendar.ListCalendarDaysAsync(new ListCalendarDaysRequest { Year = 2026 })).Days;

        var day = Assert.Single(days, d => d.Date == "2026-09-02");
        Assert.Equal(renamed.Name, day.Name);
        Assert.Equal(renamed.LegalReference, day.LegalReference);
        Assert.Equal(stored.UpdateTime, day.UpdateTime);
    }

    [Fact]
    public async Task A_deleted_shipped_day_stays_deleted_after_the_service_restarts()
    {
        var deleted = (await _calendar.DeleteCalendarDayAsync(new DeleteCalendarDayRequest { Date = "2024-09-03" })).Day;

        await using var restarted = fixture.StartInstance();
        var afterRestart = new WorkingCalendar.WorkingCalendarClient(ServiceFixture<Program>.CreateChannel(restarted, TestIdentity.Administrator));
        var days = (await afterRestart.ListCalendarDaysAsync(new ListCalendarDaysRequest { Year = 2024 })).Days;

        Assert.Equal("Quốc khánh", deleted.Name);
        Assert.DoesNotContain(days, d => d.Date == "2024-09-03");
        Assert.Contains(days, d => d.Date == "2024-09-02");
    }

    [Fact]
    public async Task Deleting_a_date_without_a_day_is_NOT_FOUND_and_names_the_date()
    {
        var status = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => _calendar.DeleteCalendarDayAsync(new DeleteCalendarDayRequest { Date = "2026-11-25" }).ResponseAsync);

        Assert.Equal("2026-11-25", status.GetDetail<ResourceInfo>()?.ResourceName);
    }

    [Fact]
    public async Task A_day_without_a_valid_date_kind_name_or_legal_reference_is_reported_field_by_field()
    {
        var day = new CalendarDay { Date = "24/11/2026", Kind = CalendarDayKind.Unspecified, Name = " ", LegalReference = "" };

        await RpcAssert.InvalidFields(() => _calendar.SetCalendarDayAsync(new SetCalendarDayRequest { Day = day }).ResponseAsync,
            "day.date", "day.kind", "day.name", "day.legal_reference");
    }

    [Theory]
    [InlineData("2026-11-24", CalendarDayKind.SwapWorkday)]   // a Tuesday cannot become a working day
    [InlineData("2026-11-28", CalendarDayKind.Holiday)]       // a Saturday is already off
    [InlineData("2026-11-29", CalendarDayKind.Compensatory)]
    [InlineData("2026-11-28", CalendarDayKind.SwapOff)]
    public async Task A_kind_that_does_not_fit_the_day_of_the_week_is_refused(string date, CalendarDayKind kind)
    {
        await RpcAssert.InvalidFields(() => _calendar.SetCalendarDayAsync(new SetCalendarDayRequest { Day = Day(date, kind) }).ResponseAsync,
            "day.kind");
    }

    [Fact]
    public async Task Deleting_or_listing_needs_a_well_formed_date_and_year()
    {
        await RpcAssert.InvalidFields(() => _calendar.DeleteCalendarDayAsync(new DeleteCalendarDayRequest { Date = "2026-02-30" }).ResponseAsync,
            "date");
        await RpcAssert.InvalidFields(() => _calendar.ListCalendarDaysAsync(new ListCalendarDaysRequest()).ResponseAsync,
            "year");
    }
}
