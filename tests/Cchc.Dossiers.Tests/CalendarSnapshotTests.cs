using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Npgsql;

namespace Cchc.Dossiers.Tests;

/// <summary>
/// The calendar is built once per stored revision and kept in memory (Calendar/CalendarSnapshots.cs): an edit
/// must still apply to the very next computation, made on any instance, however the edit was made. Each test
/// uses its own dates in December 2031 (no other test counts across them).
/// </summary>
public sealed class CalendarSnapshotTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private static Timestamp Vietnam(int year, int month, int day, int hour) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(7)));

    private static async Task<string> DueAtLocal(WorkingCalendar.WorkingCalendarClient calendar, Timestamp receivedAt, string agency = "QT.SVHTTDL") =>
        (await calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = receivedAt,
            AgencyCode = agency,
            StatutoryTime = new StatutoryTime { Amount = "2", Unit = DurationUnit.WorkingDays },
        })).DueAtLocal;

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_holiday_set_through_one_instance_moves_the_next_appointment_computed_by_another_that_had_the_calendar_in_memory()
    {
        var first = new WorkingCalendar.WorkingCalendarClient(fixture.CreateChannel());
        await using var other = fixture.StartInstance();
        var second = new WorkingCalendar.WorkingCalendarClient(ServiceFixture<Program>.CreateChannel(other, TestIdentity.Administrator));
        var receivedMonday = Vietnam(2031, 12, 1, 10);

        var before = await DueAtLocal(second, receivedMonday);
        await first.SetCalendarDayAsync(new SetCalendarDayRequest { Day = new CalendarDay
        {
            Date = "2031-12-02", Kind = CalendarDayKind.Holiday, Name = "Ngày nghỉ kiểm thử", LegalReference = "Dữ liệu kiểm thử",
        } });
        var after = await DueAtLocal(second, receivedMonday);

        Assert.Equal("2031-12-03T17:00:00+07:00", before);
        Assert.Equal("2031-12-04T17:00:00+07:00", after);
    }

    [Fact]
    public async Task A_holiday_written_by_hand_in_SQL_applies_to_the_next_computation_and_its_removal_too()
    {
        var calendar = new WorkingCalendar.WorkingCalendarClient(fixture.CreateChannel());
        var receivedMonday = Vietnam(2031, 12, 8, 10);

        var before = await DueAtLocal(calendar, receivedMonday);
        await SqlAsync("""
            INSERT INTO calendar_days (date, kind, name, legal_reference) VALUES ('2031-12-09', 'Holiday', 'Ngày nghỉ nhập tay', 'Dữ liệu kiểm thử')
            """);
        var withHoliday = await DueAtLocal(calendar, receivedMonday);
        await SqlAsync("DELETE FROM calendar_days WHERE date = '2031-12-09'");
        var withoutIt = await DueAtLocal(calendar, receivedMonday);

        Assert.Equal("2031-12-10T17:00:00+07:00", before);
        Assert.Equal("2031-12-11T17:00:00+07:00", withHoliday);
        Assert.Equal("2031-12-10T17:00:00+07:00", withoutIt);
    }

    [Fact]
    public async Task A_holiday_written_by_hand_in_SQL_moves_the_appointment_of_the_very_next_dossier_received()
    {
        // Intakes are computed from the calendar last read and committed in batches that check its revision once:
        // a dossier computed from the calendar before the edit must not be committed with that appointment.
        var scenario = new DossierScenario(fixture);
        await scenario.ProcedureAsync("1.003112", workingDays: 2);
        scenario.At(2031, 12, 15, 10, 0);
        var before = await scenario.ReceiveAsync("1.003112");
        await SqlAsync("""
            INSERT INTO calendar_days (date, kind, name, legal_reference) VALUES ('2031-12-16', 'Holiday', 'Ngày nghỉ nhập tay', 'Dữ liệu kiểm thử')
            """);
        var withHoliday = await scenario.ReceiveAsync("1.003112");
        await SqlAsync("DELETE FROM calendar_days WHERE date = '2031-12-16'");
        var withoutIt = await scenario.ReceiveAsync("1.003112");

        static DateOnly Due(DossierReceipt receipt) => DateOnly.FromDateTime(DateTimeOffset.Parse(receipt.DueAtLocal, System.Globalization.CultureInfo.InvariantCulture).DateTime);
        Assert.Equal(Due(before).AddDays(1), Due(withHoliday));
        Assert.Equal(Due(before), Due(withoutIt));
    }

    [Fact]
    public async Task A_calendar_edit_that_was_rolled_back_changes_nothing_even_after_a_later_edit_commits()
    {
        var calendar = new WorkingCalendar.WorkingCalendarClient(fixture.CreateChannel());
        var receivedMonday = Vietnam(2031, 12, 15, 10);
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();

        // An edit whose transaction is rolled back moves the revision inside it only.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO calendar_days (date, kind, name, legal_reference) VALUES ('2031-12-16', 'Holiday', 'Không bao giờ lưu', 'Dữ liệu kiểm thử')",
                connection, transaction);
            await insert.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }
        var afterRollback = await DueAtLocal(calendar, receivedMonday);
        // A later edit elsewhere in the calendar commits; the rolled-back day must not appear with it.
        await SqlAsync("INSERT INTO calendar_days (date, kind, name, legal_reference) VALUES ('2031-12-31', 'Holiday', 'Ngày nghỉ khác', 'Dữ liệu kiểm thử')");
        var afterLaterEdit = await DueAtLocal(calendar, receivedMonday);

        Assert.Equal("2031-12-17T17:00:00+07:00", afterRollback);
        Assert.Equal("2031-12-17T17:00:00+07:00", afterLaterEdit);
    }

    [Fact]
    public async Task An_agency_policy_written_in_SQL_applies_to_the_next_computation_for_that_agency()
    {
        var calendar = new WorkingCalendar.WorkingCalendarClient(fixture.CreateChannel());
        var receivedMonday = Vietnam(2031, 12, 22, 10);

        var before = await DueAtLocal(calendar, receivedMonday, "QT.SNAPSHOT");
        // The agency's afternoon ends at 16:30 instead of 17:00: the appointment is at its end.
        await SqlAsync("""
            INSERT INTO intake_policies (agency_code, afternoon_cutoff, cutoff_scope, morning_start, morning_end, afternoon_start, afternoon_end, updated_at)
            VALUES ('QT.SNAPSHOT', '15:00', 0, '07:30', '11:30', '13:30', '16:30', now())
            """);
        var after = await DueAtLocal(calendar, receivedMonday, "QT.SNAPSHOT");
        var otherAgency = await DueAtLocal(calendar, receivedMonday);

        Assert.Equal("2031-12-24T17:00:00+07:00", before);
        Assert.Equal("2031-12-24T16:30:00+07:00", after);
        Assert.Equal("2031-12-24T17:00:00+07:00", otherAgency);
    }
}
