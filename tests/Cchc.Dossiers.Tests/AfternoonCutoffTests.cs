using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Tests;

/// <summary>
/// The 15:00 cut-off is a property of the procedure: by default it applies to same-day procedures only
/// (docs/calendar.md); a procedure or an agency can say otherwise.
/// </summary>
public sealed class AfternoonCutoffTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    private readonly DossierScenario _scenario = new(fixture);
    private readonly WorkingCalendar.WorkingCalendarClient _calendar = new(fixture.CreateChannel());
    private readonly ProcedureCatalog.ProcedureCatalogClient _catalog = new(fixture.CreateChannel());

    private static Timestamp Vietnam(int year, int month, int day, int hour, int minute) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)));

    private static StatutoryTime WorkingDays(int days) => new() { Amount = days.ToString(), Unit = DurationUnit.WorkingDays };

    private static V1.Procedure Procedure(string code, int workingDays, AfternoonCutoff cutoff = AfternoonCutoff.Unspecified) => new()
    {
        Code = code,
        Name = "Chứng thực bản sao từ bản chính",
        Field = "Chứng thực",
        AgencyCode = DossierScenario.Agency,
        ProcessingUnitCode = DossierScenario.QualityUnit,
        StatutoryTime = WorkingDays(workingDays),
        OnlineLevel = OnlineLevel.Partial,
        AfternoonCutoff = cutoff,
    };

    [Fact]
    public async Task A_five_working_day_dossier_received_on_Friday_17_January_2025_at_15_01_is_due_on_Friday_24_January()
    {
        await _scenario.ProcedureAsync("1.910001", 5);
        _scenario.At(2025, 1, 17, 15, 1);

        var receipt = await _scenario.ReceiveAsync("1.910001");
        var dossier = await _scenario.GetAsync(receipt.DossierCode);

        Assert.Equal("2025-01-24T17:00:00+07:00", dossier.DueAtLocal);
        Assert.Equal(Vietnam(2025, 1, 17, 15, 1), dossier.LegalStart);
        Assert.False(dossier.CalendarProvisional);
        // The paper dossier goes to the processing unit on the next working day: the desk's step runs
        // from 15:01 Friday to 17:00 Monday 20/1 (1 h 59 min + 7 h 30 min of working time).
        var deskAllowance = await _scenario.InDatabase(db => db.Dossiers.Where(d => d.Code == receipt.DossierCode)
            .Select(d => d.CurrentStepAllowanceMinutes).SingleAsync());
        Assert.Equal(119 + 450, deskAllowance);
    }

    [Fact]
    public async Task A_same_day_dossier_received_after_15_00_is_returned_on_the_next_working_day()
    {
        await _scenario.ProcedureAsync("1.910002", 0);
        _scenario.At(2025, 1, 17, 15, 1);

        var receipt = await _scenario.ReceiveAsync("1.910002");
        var dossier = await _scenario.GetAsync(receipt.DossierCode);

        Assert.Equal("2025-01-20T17:00:00+07:00", dossier.DueAtLocal);
        Assert.Equal(Vietnam(2025, 1, 20, 7, 30), dossier.LegalStart);
    }

    [Fact]
    public async Task A_procedure_the_cut_off_applies_to_says_so_and_counts_from_the_next_working_day()
    {
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Procedure("1.910003", 5, AfternoonCutoff.Applies) });

        var stored = (await _catalog.GetProcedureAsync(new GetProcedureRequest { Code = "1.910003" })).Procedure;
        var appointment = await _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = Vietnam(2025, 1, 17, 15, 1), AgencyCode = DossierScenario.Agency, ProcedureCode = "1.910003",
        });

        Assert.Equal(AfternoonCutoff.Applies, stored.AfternoonCutoff);
        Assert.True(appointment.AfternoonCutoffApplies);
        Assert.Equal("2025-01-20T07:30:00+07:00", appointment.LegalStartLocal);
        Assert.Equal("2025-02-03T17:00:00+07:00", appointment.DueAtLocal); // Tết Ất Tỵ: 27–31/1/2025
    }

    [Fact]
    public async Task A_same_day_procedure_exempt_from_the_cut_off_is_due_the_same_day()
    {
        await _catalog.CreateProcedureAsync(new CreateProcedureRequest { Procedure = Procedure("1.910004", 0, AfternoonCutoff.DoesNotApply) });

        var appointment = await _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = Vietnam(2025, 1, 17, 15, 1), AgencyCode = DossierScenario.Agency, ProcedureCode = "1.910004",
        });

        Assert.False(appointment.AfternoonCutoffApplies);
        Assert.Equal("2025-01-17T17:00:00+07:00", appointment.DueAtLocal);
    }

    [Fact]
    public async Task An_agency_that_applies_the_cut_off_to_every_procedure_keeps_the_old_count()
    {
        var stored = (await _calendar.SetIntakePolicyAsync(new SetIntakePolicyRequest
        {
            Policy = new V1.IntakePolicy
            {
                AgencyCode = "QT.SCT", AfternoonCutoff = "15:00", MorningStart = "07:30", MorningEnd = "11:30", AfternoonStart = "13:30", AfternoonEnd = "17:00",
                CutoffScope = AfternoonCutoffScope.AllProcedures,
            },
        })).Policy;
        var appointment = await _calendar.ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = Vietnam(2025, 1, 17, 15, 1), AgencyCode = "QT.SCT", StatutoryTime = WorkingDays(5),
        });
        var onDefault = (await _calendar.GetIntakePolicyAsync(new GetIntakePolicyRequest { AgencyCode = "QT.SLĐ" })).Policy;

        Assert.Equal(AfternoonCutoffScope.AllProcedures, stored.CutoffScope);
        Assert.Equal("2025-02-03T17:00:00+07:00", appointment.DueAtLocal);
        Assert.Equal(AfternoonCutoffScope.SameDayProcedures, onDefault.CutoffScope);
    }

    [Fact]
    public async Task An_unknown_cut_off_rule_or_scope_is_reported_field_by_field()
    {
        await RpcAssert.InvalidFields(() => _catalog.CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = Procedure("1.910005", 5, (AfternoonCutoff)9),
        }).ResponseAsync, "procedure.afternoon_cutoff");
        await RpcAssert.InvalidFields(() => _calendar.SetIntakePolicyAsync(new SetIntakePolicyRequest
        {
            Policy = new V1.IntakePolicy
            {
                AgencyCode = "QT.SCT", AfternoonCutoff = "15:00", MorningStart = "07:30", MorningEnd = "11:30", AfternoonStart = "13:30", AfternoonEnd = "17:00",
                CutoffScope = (AfternoonCutoffScope)9,
            },
        }).ResponseAsync, "policy.cutoff_scope");
    }
}
