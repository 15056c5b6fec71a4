using Cchc.Dossiers.Domain.Codes;

namespace Cchc.Dossiers.Tests.Domain.Codes;

public class LookupSecretTests
{
    [Fact]
    public void A_secret_has_eight_characters_from_the_unambiguous_alphabet()
    {
        var secret = LookupSecret.Generate();

        Assert.Equal(8, secret.Length);
        Assert.All(secret, c => Assert.Contains(c, LookupSecret.Alphabet));
    }

    [Fact]
    public void The_alphabet_leaves_out_characters_that_are_confused_on_paper()
    {
        Assert.All("0O1IL", c => Assert.DoesNotContain(c, LookupSecret.Alphabet));
        Assert.Equal(LookupSecret.Alphabet.Length, LookupSecret.Alphabet.Distinct().Count());
    }

    [Fact]
    public void Generated_secrets_do_not_repeat()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => LookupSecret.Generate()).ToList();

        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Theory]
    [InlineData("ABCD2345", "ABCD2345", true)]
    [InlineData("ABCD2345", "ABCD2346", false)]
    [InlineData("ABCD2345", "abcd2345", false)]
    [InlineData("ABCD2345", "ABCD234", false)]
    [InlineData("", "", true)]
    public void Secrets_are_compared_exactly(string a, string b, bool expected)
    {
        Assert.Equal(expected, LookupSecret.FixedTimeEquals(a, b));
    }
}
