using System.Security.Claims;
using Cchc.ServiceDefaults.Security;

namespace Cchc.Directives.Tests;

public sealed class CallerScopeTests
{
    private static Caller Official(string role, string unit, string agency = "QT.SKHCN") =>
        Caller.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(CchcClaims.Role, role), new Claim(CchcClaims.Unit, unit), new Claim(CchcClaims.Agency, agency)], "test")));

    [Theory]
    [InlineData("QT.SKHCN.QLCN", true)]
    [InlineData("QT.SKHCN.QLCN.TO1", true)]
    [InlineData("QT.SKHCN.QLCNX", false)]
    [InlineData("QT.SKHCN.VP", false)]
    [InlineData("QT.SKHCN", false)]
    public void An_official_acts_on_their_own_unit_and_its_sub_units_only(string unit, bool allowed) =>
        Assert.Equal(allowed, Official(Roles.ProcessingOfficer, "QT.SKHCN.QLCN").CanAccessUnit(unit));

    [Theory]
    [InlineData(Roles.Leadership)]
    [InlineData(Roles.FollowUpOffice)]
    public void Leadership_and_the_follow_up_office_see_their_whole_agency_and_nothing_beyond(string role)
    {
        var caller = Official(role, "QT.SKHCN.VP");

        Assert.True(caller.CanAccessUnit("QT.SKHCN.QLCN"));
        Assert.True(caller.CanAccessUnit("QT.SKHCN"));
        Assert.False(caller.CanAccessUnit("QT.SYT.VP"));
    }

    [Fact]
    public void A_caller_without_a_unit_sees_nothing_unless_administrator()
    {
        var noUnit = Caller.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim(CchcClaims.Role, Roles.DeskOfficer)], "test")));
        var admin = Caller.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim(CchcClaims.Role, Roles.Administrator)], "test")));

        Assert.False(noUnit.CanAccessUnit("QT.SKHCN"));
        Assert.True(admin.CanAccessUnit("QT.SYT"));
    }
}
