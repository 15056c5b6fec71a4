using System.Security.Claims;
using Cchc.Console.Gateway;
using Cchc.Console.Identity;
using Cchc.Indexes.V1;

namespace Cchc.Console.Tests;

public sealed class AgencyAndProvinceTests
{
    private static ClaimsPrincipal OfficialOf(string? agency) => new(new ClaimsIdentity(
        agency is null ? [] : [new Claim(Official.AgencyClaim, agency)], "test"));

    [Fact]
    public void The_agency_is_the_token_s_and_the_configured_default_only_for_an_official_without_one()
    {
        var settings = new ConsoleSettings { DefaultAgency = "QT.SKHCN" };

        Assert.Equal("QT.SXD", settings.AgencyOf(OfficialOf("QT.SXD")));
        Assert.Equal("QT.SKHCN", settings.AgencyOf(OfficialOf(null)));
        Assert.Null(new ConsoleSettings().AgencyOf(OfficialOf(null)));
    }

    [Fact]
    public void The_province_is_the_subject_the_nearest_of_the_agency_and_its_parents_answers_for()
    {
        Subject[] validToday =
        [
            new() { Code = "VN", Name = "Cả nước", Kind = SubjectKind.Nation },
            new() { Code = "QUANG_TRI_2025", Name = "Quảng Trị", Kind = SubjectKind.Province, AgencyCode = "QT" },
            new() { Code = "HUE", Name = "Huế", Kind = SubjectKind.Province, AgencyCode = "HUE" },
        ];

        // The department (QT.SKHCN) answers for no subject itself; its province (QT) does.
        Assert.Equal("QUANG_TRI_2025", IndexSubjects.Pick(validToday, ["QT.SKHCN", "QT"])?.Code);
        Assert.Equal("HUE", IndexSubjects.Pick(validToday, ["HUE.SYT", "HUE"])?.Code);
        // The nearest wins: a subject of the agency itself before its province's.
        Assert.Equal("SKHCN_INDEX", IndexSubjects.Pick([.. validToday, new Subject { Code = "SKHCN_INDEX", AgencyCode = "QT.SKHCN" }], ["QT.SKHCN", "QT"])?.Code);
        Assert.Null(IndexSubjects.Pick(validToday, ["DN.SKHCN", "DN"]));
    }
}
