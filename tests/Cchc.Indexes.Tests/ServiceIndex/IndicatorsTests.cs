using Cchc.Indexes.ServiceIndex;

namespace Cchc.Indexes.Tests;

/// <summary>The points of each 766 indicator (<c>services/Indexes/ServiceIndex/Indicators.cs</c>), from hand-computed cases.</summary>
public sealed class IndicatorsTests
{
    [Theory]
    // Linear indicators: max·R.
    [InlineData("2.1", "0.7", "14.000")]         // 7 of 10 on time → 20·0.7
    [InlineData("2.1", "1", "20.000")]
    [InlineData("2.1", "0", "0.000")]
    [InlineData("3.6", "0.6", "3.600")]          // 3 of 5 paid online → 6·0.6
    [InlineData("4.1", "0.71428571", "4.286")]   // 5 of 7 electronic results → 6·5/7, rounded half away from zero
    // Threshold indicators: min(max, max·R/threshold).
    [InlineData("3.3", "0.4", "4.800")]          // 6·0.4/0.5
    [InlineData("3.3", "0.5", "6.000")]          // full marks at the threshold…
    [InlineData("3.3", "0.9", "6.000")]          // …and no more above it
    [InlineData("4.2", "0.6", "3.000")]          // 4·0.6/0.8
    [InlineData("4.3", "0.4", "1.000")]          // 2·0.4/0.8
    [InlineData("5.4", "0.5", "3.333")]          // 6·0.5/0.9 = 3.3333…
    [InlineData("5.4", "0.45", "3.000")]
    // A ratio outside [0, 1] is clamped.
    [InlineData("2.1", "1.5", "20.000")]
    [InlineData("3.3", "-0.2", "0.000")]
    public void Points_follow_the_portals_rule(string code, string ratio, string expected)
    {
        var indicator = Indicators.Find(code)!;

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            indicator.Points(decimal.Parse(ratio, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_indicators_add_up_to_100_points_in_five_groups()
    {
        Assert.Equal(100m, Indicators.MaxTotal);
        Assert.Equal(["I", "II", "III", "IV", "V"], Indicators.All.Select(i => i.GroupCode).Distinct());
        Assert.Equal(Indicators.All.Count, Indicators.All.Select(i => i.Code).Distinct().Count());
    }

    [Fact]
    public void The_computed_indicators_are_the_seven_the_dossier_feed_can_measure()
    {
        Assert.Equal(
            [Indicators.OnTime, Indicators.OnlineSubmission, Indicators.OnlinePayment, Indicators.ElectronicResult, Indicators.Digitisation, Indicators.Reuse, Indicators.Satisfaction],
            Indicators.All.Where(i => i.Origin == IndicatorOrigin.Computed).Select(i => i.Code));
    }
}
