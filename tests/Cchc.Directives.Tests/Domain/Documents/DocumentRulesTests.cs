using Cchc.Directives.Documents;
using Cchc.Directives.Domain.Documents;
using Cchc.Directives.Domain.Tasks;
using Cchc.Directives.Tasks;

namespace Cchc.Directives.Tests;

public sealed class DocumentRulesTests
{
    [Theory]
    [InlineData("35-CT/TU", true, true)]
    [InlineData("21- KL/TW", true, true)]
    [InlineData("836/SKHCN-VP", true, false)]
    [InlineData("23/BC-SKHCHN", true, false)]
    [InlineData("/SKHCN-VP", false, false)]
    [InlineData("", false, false)]
    public void A_symbol_tells_whether_it_is_numbered_and_in_the_Party_style(string symbol, bool numbered, bool party)
    {
        Assert.Equal(numbered, DocumentSymbol.IsNumbered(symbol));
        Assert.Equal(party, DocumentSymbol.IsPartyStyle(symbol));
    }

    [Fact]
    public void Party_numbers_restart_per_term_and_State_numbers_per_year()
    {
        var issued = new PartialDate(2022, 12, null);

        Assert.Equal("2020-2025", DocumentSymbol.NumberingPeriod("2020-2025", issued));
        Assert.Equal("2022", DocumentSymbol.NumberingPeriod("", issued));
    }

    [Theory]
    [InlineData("2023-12-11", "2023-12-11")]
    [InlineData("2023-12", "2023-12")]
    [InlineData("2024", "2024")]
    public void An_issue_date_keeps_only_what_the_source_gives(string text, string roundTrip)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(roundTrip, date.ToString());
    }

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("2023-13")]
    [InlineData("23-12-2023")]
    [InlineData("")]
    public void Impossible_dates_are_refused(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void An_unknown_day_sorts_before_the_known_days_of_its_month() =>
        Assert.True(string.CompareOrdinal(new PartialDate(2023, 12, null).SortKey, new PartialDate(2023, 12, 1).SortKey) < 0);

    [Fact]
    public void Item_numbers_sort_as_a_reader_expects()
    {
        string[] numbers = ["10", "2", "3.đ", "3.e", "3.d", "1", "3"];

        var sorted = numbers.OrderBy(TaskNumber.SortKey, StringComparer.Ordinal);

        Assert.Equal(["1", "2", "3", "3.d", "3.đ", "3.e", "10"], sorted);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("3.a", true)]
    [InlineData("3.đ", true)]
    [InlineData("II.1", true)]
    [InlineData("3.", false)]
    [InlineData("1 2", false)]
    [InlineData("", false)]
    public void Item_numbers_are_letters_and_digits_in_dot_separated_parts(string number, bool valid) =>
        Assert.Equal(valid, TaskNumber.IsValid(number));
}
