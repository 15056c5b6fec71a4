using Cchc.Dossiers.Domain.Codes;

namespace Cchc.Dossiers.Tests.Domain.Codes;

public class IdentityNumbersTests
{
    [Theory]
    [InlineData("001099012345", true)]
    [InlineData("079203000001", true)]
    [InlineData("00109901234", false)]     // 11 digits: old CMND length is not accepted
    [InlineData("0010990123456", false)]
    [InlineData("00109901234A", false)]
    [InlineData("001099012345\n", false)]
    [InlineData("٠٠١٠٩٩٠١٢٣٤٥", false)]   // Arabic-Indic digits
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_citizen_id_is_exactly_twelve_ASCII_digits(string? value, bool expected)
    {
        Assert.Equal(expected, IdentityNumbers.IsValidCitizenId(value));
    }

    [Theory]
    [InlineData("0101245678", true)]
    [InlineData("0101245678-001", true)]
    [InlineData("0101245678-01", false)]
    [InlineData("0101245678001", false)]
    [InlineData("010124567", false)]
    [InlineData("0101245678-", false)]
    [InlineData(null, false)]
    public void A_tax_code_has_ten_digits_with_an_optional_three_digit_branch(string? value, bool expected)
    {
        Assert.Equal(expected, IdentityNumbers.IsValidTaxCode(value));
    }

    [Theory]
    [InlineData("1.001612", true)]
    [InlineData("2.000889", true)]
    [InlineData("1.00161", false)]
    [InlineData("12.001612", false)]
    [InlineData("1,001612", false)]
    [InlineData("1.001612\n", false)]
    [InlineData(null, false)]
    public void A_national_procedure_code_is_one_digit_a_dot_and_six_digits(string? value, bool expected)
    {
        Assert.Equal(expected, IdentityNumbers.IsValidProcedureCode(value));
    }
}
