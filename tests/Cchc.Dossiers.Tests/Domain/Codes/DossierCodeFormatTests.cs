using Cchc.Dossiers.Domain.Codes;

namespace Cchc.Dossiers.Tests.Domain.Codes;

public class DossierCodeFormatTests
{
    private static readonly DateOnly ReceivedOn = new(2026, 2, 13);

    [Fact]
    public void The_default_pattern_joins_agency_short_date_and_a_four_digit_sequence()
    {
        var code = DossierCodeFormat.Default.Format("H12.05", ReceivedOn, 42);

        Assert.Equal("H12.05-260213-0042", code);
        Assert.Equal("{agency}-{yyMMdd}-{seq:4}", DossierCodeFormat.Default.Pattern);
    }

    [Fact]
    public void A_long_date_and_seven_digit_sequence_are_supported()
    {
        var format = new DossierCodeFormat("{agency}-{yyyyMMdd}-{seq:7}");

        var code = format.Format("000.00.01.H12", ReceivedOn, 1234);

        Assert.Equal("000.00.01.H12-20260213-0001234", code);
        Assert.Equal(7, format.SequenceDigits);
        Assert.Equal(9_999_999, format.MaxSequence);
    }

    [Fact]
    public void Literal_text_around_placeholders_is_kept()
    {
        var format = new DossierCodeFormat("HS/{yyMMdd}/{seq:5}/{agency}");

        var code = format.Format("UBND.Q1", ReceivedOn, 7);

        Assert.Equal("HS/260213/00007/UBND.Q1", code);
    }

    [Fact]
    public void The_largest_sequence_that_fits_is_formatted()
    {
        var code = DossierCodeFormat.Default.Format("H12", ReceivedOn, 9999);

        Assert.Equal("H12-260213-9999", code);
    }

    [Fact]
    public void A_sequence_beyond_the_pattern_digits_is_an_overflow()
    {
        Action act = () => DossierCodeFormat.Default.Format("H12", ReceivedOn, 10_000);

        var error = Assert.Throws<InvalidOperationException>(act);
        Assert.Contains("10000", error.Message);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void A_non_positive_sequence_is_rejected(long sequence)
    {
        Action act = () => DossierCodeFormat.Default.Format("H12", ReceivedOn, sequence);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Theory]
    [InlineData("")]
    [InlineData("H12 05")]
    public void An_empty_or_spaced_agency_code_is_rejected(string agency)
    {
        Action act = () => DossierCodeFormat.Default.Format(agency, ReceivedOn, 1);

        Assert.ThrowsAny<ArgumentException>(act);
    }

    [Fact]
    public void An_unknown_placeholder_is_rejected_by_name()
    {
        Action act = () => new DossierCodeFormat("{agency}-{ddMMyy}-{seq:4}");

        var error = Assert.Throws<ArgumentException>(act);
        Assert.Contains("{ddMMyy}", error.Message);
    }

    [Theory]
    [InlineData("{agency}-{yyMMdd}")]
    [InlineData("{agency}-{seq:4}-{seq:4}")]
    [InlineData("{agency}-{seq:0}")]
    [InlineData("{agency}-{seq:19}")]
    [InlineData("{agency}-{seq:x}")]
    [InlineData("{agency-{seq:4}")]
    [InlineData("{agency}}-{seq:4}")]
    [InlineData("{agency}-{seq:4")]
    public void A_malformed_pattern_is_rejected(string pattern)
    {
        Action act = () => new DossierCodeFormat(pattern);

        var error = Assert.Throws<ArgumentException>(act);
        Assert.Contains(pattern, error.Message);
    }
}
