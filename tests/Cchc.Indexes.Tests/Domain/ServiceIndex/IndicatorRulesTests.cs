using Cchc.Indexes.Domain.ServiceIndex;
using Cchc.Indexes.ServiceIndex;

namespace Cchc.Indexes.Tests;

/// <summary>The computed 766 indicators over one dossier's facts (<c>services/Indexes/Domain/ServiceIndex/IndicatorRules.cs</c>), hand-computed.</summary>
public sealed class IndicatorRulesTests
{
    private static readonly DateTimeOffset Due = new(2026, 5, 20, 17, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.FromHours(7));

    private static DossierFact Fact(Action<DossierFact>? set = null)
    {
        var fact = new DossierFact
        {
            DossierCode = "QT.SKHCN-260515-0001", ReceivedAt = Due.AddDays(-5), LegalDueAt = Due, Status = 4, Channel = 1,
        };
        set?.Invoke(fact);
        return fact;
    }

    private static IndicatorRule Rule(string code) => IndicatorRules.Find(code)!;

    [Fact]
    public void A_dossier_finished_on_time_meets_2_1_and_one_still_open_past_its_deadline_loses_it_as_Qua_han()
    {
        var finished = Fact(f => { f.Status = 10; f.FinishedAt = Due.AddHours(-2); });
        var open = Fact();

        Assert.True(Rule("2.1").Meets(finished, Now));
        Assert.True(Rule("2.1").Loses(open, Now));
        Assert.Equal("Quá hạn", Rule("2.1").Reason(open, Now));
    }

    [Fact]
    public void A_second_supplement_request_loses_2_1_with_its_own_reason_even_when_finished_early()
    {
        var twice = Fact(f => { f.Status = 10; f.FinishedAt = Due.AddDays(-3); f.SupplementRequestCount = 2; });

        Assert.True(Rule("2.1").Loses(twice, Now));
        Assert.Equal("Yêu cầu bổ sung quá 1 lần", Rule("2.1").Reason(twice, Now));
    }

    [Fact]
    public void An_open_dossier_is_judged_at_the_period_end_once_the_period_is_over()
    {
        var open = Fact(f => f.LegalDueAt = new DateTimeOffset(2026, 6, 3, 17, 0, 0, TimeSpan.FromHours(7)));
        var mayEnd = new DateTimeOffset(2026, 5, 31, 23, 59, 59, TimeSpan.FromHours(7));

        Assert.Equal(mayEnd, IndicatorRules.JudgedAt(mayEnd, Now));
        Assert.True(Rule("2.1").Meets(open, IndicatorRules.JudgedAt(mayEnd, Now)));
        Assert.False(Rule("2.1").Meets(open, Now));
    }

    [Fact]
    public void A_dossier_without_a_known_deadline_is_neither_on_time_nor_late()
    {
        var unknown = Fact(f => f.LegalDueAt = null);

        Assert.Null(IndicatorRules.Late(unknown, Now));
        Assert.Null(Rule("2.1").Meets(unknown, Now));
        Assert.False(Rule("2.1").Loses(unknown, Now));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    [InlineData(3, false)]
    public void Only_channel_2_counts_as_submitted_online(int channel, bool meets) =>
        Assert.Equal(meets, Rule("3.3").Meets(Fact(f => f.Channel = channel), Now));

    [Fact]
    public void Online_payment_counts_only_dossiers_with_a_recorded_payment()
    {
        Assert.False(Rule("3.6").Counted(Fact()));
        Assert.True(Rule("3.6").Loses(Fact(f => f.PaidOnline = false), Now));
        Assert.True(Rule("3.6").Meets(Fact(f => f.PaidOnline = true), Now));
    }

    [Fact]
    public void An_electronic_result_counts_only_dossiers_with_a_result()
    {
        Assert.False(Rule("4.1").Counted(Fact(f => f.ResultElectronic = true)));
        Assert.True(Rule("4.1").Meets(Fact(f => { f.Status = 9; f.ResultElectronic = true; }), Now));
        Assert.True(Rule("4.1").Loses(Fact(f => f.Status = 10), Now));
    }

    [Fact]
    public void Digitisation_needs_a_digitised_paper_and_once_there_is_a_result_an_electronic_one()
    {
        Assert.Equal("Không số hóa thành phần hồ sơ", Rule("4.2").Reason(Fact(), Now));
        Assert.True(Rule("4.2").Loses(Fact(), Now));
        Assert.True(Rule("4.2").Meets(Fact(f => f.PapersDigitised = 1), Now));
        var paperResult = Fact(f => { f.PapersDigitised = 2; f.Status = 10; });
        Assert.True(Rule("4.2").Loses(paperResult, Now));
        Assert.Equal("Không cấp kết quả điện tử", Rule("4.2").Reason(paperResult, Now));
        Assert.True(Rule("4.2").Meets(Fact(f => { f.PapersDigitised = 2; f.Status = 10; f.ResultElectronic = true; }), Now));
    }

    [Fact]
    public void Reuse_needs_one_reused_paper() =>
        Assert.Equal([false, true], new[] { 0, 1 }.Select(n => Rule("4.3").Meets(Fact(f => f.PapersReused = n), Now) == true));

    [Fact]
    public void Satisfaction_5_4_is_lost_by_a_late_or_a_dissatisfied_dossier_with_the_reason_naming_both()
    {
        var onTime = Fact(f => { f.Status = 10; f.FinishedAt = Due.AddDays(-1); });
        var lateAndUnhappy = Fact(f => f.Satisfied = false);
        var onTimeUnhappy = Fact(f => { f.Status = 10; f.FinishedAt = Due.AddDays(-1); f.Satisfied = false; });

        Assert.True(Rule("5.4").Meets(onTime, Now));
        Assert.Equal("Quá hạn; không hài lòng", Rule("5.4").Reason(lateAndUnhappy, Now));
        Assert.Equal("Quá hạn", Rule("5.4").Reason(Fact(), Now));
        Assert.Equal("Không hài lòng", Rule("5.4").Reason(onTimeUnhappy, Now));
        Assert.True(Rule("5.4").Loses(onTimeUnhappy, Now));
    }

    [Fact]
    public void Ratios_come_from_the_tally_and_5_4_subtracts_the_late_and_the_dissatisfied_shares()
    {
        // 4 dossiers: one finished on time, one late and rated Dissatisfied, one late, one on time rated Satisfied.
        var facts = new[]
        {
            Fact(f => { f.Status = 10; f.FinishedAt = Due.AddDays(-1); }),
            Fact(f => f.Satisfied = false),
            Fact(),
            Fact(f => { f.Status = 10; f.FinishedAt = Due; f.Satisfied = true; f.Channel = 2; }),
        };
        var tally = IndicatorRules.Tally(facts, Now);

        Assert.Equal((4L, 2L, 1L), (tally.Received, tally.Late, tally.Dissatisfied));
        Assert.Equal(0.5m, IndicatorRules.Ratio("2.1", tally));
        Assert.Equal(0.25m, IndicatorRules.Ratio("3.3", tally));
        Assert.Equal(0.25m, IndicatorRules.Ratio("5.4", tally));   // 1 − (2/4 + 1/4)
        Assert.Null(IndicatorRules.Ratio("3.6", tally));          // no payment recorded: nothing to judge
        Assert.Null(IndicatorRules.Ratio("5.4", IndicatorRules.Tally([], Now)));
    }

    [Fact]
    public void Every_computed_indicator_of_the_framework_has_a_rule_and_every_rule_an_indicator() =>
        Assert.Equal(
            Indicators.All.Where(i => i.Origin == IndicatorOrigin.Computed).Select(i => i.Code).Order(),
            IndicatorRules.All.Select(r => r.Code).Order());
}
